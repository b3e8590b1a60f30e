HAM_KEYWORDS = [
    'am up to my eyes in philosophy',
    'Package all your programs well',
    'Can you pls pls send me a mail on all you know about relatives coming to deliver here? All you know about costs, risks, benefits and anything else. Thanks.',
    'Cool. So how come you havent been wined and dined before?',
    'So dont use hook up any how'
]


SPAM_KEYWORDS = [
    'WINNER!! As a valued network customer you have been selected to receivea £900 prize reward! To claim call 09061701461. Claim code KL341. Valid 12 hours only.'
]


def label_sms(text: str) -> int:
    text = text.lower()
    
    if any(key in text for key in HAM_KEYWORDS):
        return 0
    elif any(key in text for key in SPAM_KEYWORDS):
        return 1
    else:
        return -1
