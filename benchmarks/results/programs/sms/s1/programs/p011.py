import re


def label_sms(text: str) -> int:
    keywords = ["subscribe", "buy", "manage", "lunch", "prize", "winning", "offer", "toll free"]
    
    for keyword in keywords:
        if any(re.search(keyword.lower(), text.lower()) for _ in range(3)):
            return 1  # Spam
    
    # If no spam keywords found, check other signals
    if 'sms' in text.lower() or 'text' in text.lower():
        return 1  # Spam
    
    # If still no spam, consider it ham
    return 0  # Ham
