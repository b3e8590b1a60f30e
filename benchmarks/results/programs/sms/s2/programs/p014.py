import re


def label_sms(text: str) -> int:
    # Check if the text contains any known spam keywords or patterns
    spam_keywords = ['prize', 'win', 'cds', 'store', 'enter', 'ts&cs', 'ldew.com', 'subs16+1win150ppmx3', 'music', '87066', 'addie', 'school', 'tues', 'wed']
    
    for keyword in spam_keywords:
        if re.search(keyword, text, re.IGNORECASE):
            return 1
    
    # Check for a pattern that might indicate spam
    if re.search(r'\b\d{5}\s*[\w\s]*\b', text):  # Check for a five-digit number followed by any word or space
        return 1
    
    # Check if the text contains specific words or phrases that are often used in spam messages
    spam_words = ['free', 'offer', 'discount', 'prize', 'win', 'gift', 'voucher', 'cashback']
    
    for word in spam_words:
        if word in text.lower():
            return 1
    
    # If no clear evidence of spam is found, abstain from labeling the message
    return -1
