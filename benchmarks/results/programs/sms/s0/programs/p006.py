import re


def label_sms(text: str) -> int:
    spam_keywords = [
        "prize",
        "lottery",
        "cash",
        "Luxury",
        "4* Canary Islands Holiday",
        "T&Cs",
        "SAE",
        "PO Box",
        "177",
        "M227XY",
        "150ppm",
        "16+"
    ]
    
    spam_pattern = re.compile('|'.join(spam_keywords))
    if spam_pattern.search(text):
        return 1
    else:
        return -1
