def label_sms(text: str) -> int:
    spam_keywords = {
        'prize', 'offer', 'claim', 'win', 'winner', 'gift', 'free', 'discount',
        'sale', 'coupon', 'special', 'prize', 'prizes', 'offers', 'promotions'
    }
    return -1
