def label_sms(text: str) -> int:
    spam_keywords = [
        'prize', 'lottery', 'award', 'guaranteed', 'call',
        'mobile number', '£2000', 'Netcollex Ltd', 'HelpDesk', 'Stop',
        'URGENT!', 'valid 12hrs only'
    ]
    
    ham_keywords = [
        "Joy's father is John.",
        "Then John is the __ of Joy's father.",
        "If u ans ths you hav  &lt;#&gt;  IQ. Tis s IAS question try to answer.",
        "If i not meeting ü all rite then i'll go home lor. If ü dun feel like comin it's ok."
    ]
    
    spam_phrases = [
        '"Speak only when you feel your words are better than the silence..." Gud mrng:-)'
    ]
    
    if any(keyword in text.lower() for keyword in spam_keywords):
        return 1
    elif all(keyword not in text.lower() for keyword in ham_keywords) and any(phrase in text.lower() for phrase in spam_phrases):
        return 1
    else:
        return -1
