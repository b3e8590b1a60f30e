import re


def label_spam(text: str) -> int:
    if re.search(r'http[s]?://[\w.-]+\.[\w.-]+', text):
        return 1
    elif re.search(r'check out this video|watch it on YouTube', text, re.IGNORECASE):
        return 1
    elif re.search(r'remove this video its wank', text, re.IGNORECASE):
        return 1
    elif re.search(r'sons please..we\'re against vips..please help us\ufeff', text, re.IGNORECASE):
        return 1
    else:
        return 0
