spam_keywords = {
    'prize', 'offer', 'claim', 'win', 'winner', 'gift', 'free', 'discount',
    'sale', 'coupon', 'special', 'prize', 'prizes', 'offers', 'promotions'
}


ham_keywords = {
    'personal', 'message', 'friend', 'family', 'friendship', 'communication',
    'love', 'feelings', 'emotion', 'emotional', 'sympathy', 'support', 'hope',
    'affection', 'relationship', 'romance', 'relationship', 'bond'
}


def label_sms(text: str) -> int:
    if any(keyword in text.lower() for keyword in spam_keywords):
        return 1
    elif any(keyword in text.lower() for keyword in ham_keywords):
        return 0
    else:
        return -1
