import re


def label_spam(text: str) -> int:
    if re.search(r'(\bhttp\b|https\b)', text, re.IGNORECASE):
        return 1  # Spam (links)
    elif re.search(r'[^\w\s]', text, re.IGNORECASE):  # Spam (special characters)
        return 1
    elif re.search(r'(^ham$)|(^spam$)', text, re.IGNORECASE):  # Ham or Spam (exact match)
        return int(text.lower() == 'ham')
    else:
        return -1  # Abstain
