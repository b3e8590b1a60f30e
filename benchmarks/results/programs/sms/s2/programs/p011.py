ham_keywords = ["personal message", "I will tel u ur LIFE PARTNER'S name.", "Reply must."]


spam_keywords = [
    "unsolicited commercial or fraudulent message",
    "1 I don't have her number and 2 its gonna be a massive pain in the ass and i'd rather not get involved if that's possible",
    'Gud mrng dear have a nice day'
]


def is_spam(text):
    text = text.lower()
    return any(keyword in text for keyword in spam_keywords)


def label_sms(text: str) -> int:
    if is_spam(text):
        return 1  # Spam
    elif any(keyword in text for keyword in ham_keywords):
        return 0  # Ham
    else:
        return -1  # abstain
