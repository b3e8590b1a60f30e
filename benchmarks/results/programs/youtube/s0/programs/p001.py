import re


def label_spam(text: str) -> int:
    if re.search(r'https?:\/\/', text):
        return 1
    elif re.search(r'\b[A-Za-z0-9]+\.[A-Z|a-z]{2,}\b', text):
        return 1
    elif re.search(r'[\u2615\uFE0F]', text):  # 😍 or ☀️ emoji
        return 1
    else:
        return 0
