import re


def label_sms(text: str) -> int:
    if any(re.search(r'subscribe', text.lower()) for _ in range(4)):
        return 1  # Spam
    elif any(re.search(r'buy', text.lower()) for _ in range(2)):
        return 1  # Spam
    elif any(re.search(r'manage', text.lower()) for _ in range(3)):
        return 1  # Spam
    elif any(re.search(r'lunch', text.lower()) for _ in range(4)):
        return 1  # Spam
    elif any(re.search(r'prize', text.lower()) for _ in range(2)):
        return 1  # Spam
    elif any(re.search(r'winning', text.lower()) for _ in range(3)):
        return 1  # Spam
    elif any(re.search(r'offer', text.lower()) for _ in range(3)):
        return 1  # Spam
    elif any(re.search(r'toll free', text.lower()) for _ in range(2)):
        return 1  # Spam
    else:
        return 0  # Ham
