def label_sms(text: str) -> int:
    keywords_spam = [
        'exclusive@clubsaisai',  # Premium-rate numbers
        'wot u up',              # Unsolicited commercial
        'txt bak luv k'           # Subscription offers
    ]
    return -1
