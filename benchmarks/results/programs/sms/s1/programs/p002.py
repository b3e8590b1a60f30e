spam_keywords = [
    'prize', 'lottery', 'offer', 'discount', 'sale',
    'free', 'coupon', 'voucher', 'credit', 'debt', 'loan',
    'bonus', 'gift', 'membership', 'subscription', 'payout'
]


def label_sms(text: str) -> int:
    text = text.lower()
    if any(keyword in text for keyword in spam_keywords):
        return 1
    else:
        return 0
