import re


HAM_KEYWORDS = [
    "Check out",
    "love the way you lie featuring rhianna, hes an awesome rapper!!! shes an awesome singer!!!",
    "PSY - GANGNAM STYLE (강남스타일) M/V: http://youtu.be/9bZkp7q19f0",
    "Are those real animals",
    "Check out this playlist on YouTube",
    "What's with the guys jacket? 1 sleeve and a sleeveless arm"
]


SPAM_KEYWORDS = [
    "advertising",
    "links",
    "self-promotion",
    "subscribe requests",
    "http://youtu.be/",
    "check out this playlist on youtube",
    "what's with the guys jacket? 1 sleeve and a sleeveless arm"
]


def label_spam(text: str) -> int:
    text = text.lower()
    
    if any(re.search(keyword, text) for keyword in HAM_KEYWORDS):
        return 0
    elif any(re.search(keyword, text) for keyword in SPAM_KEYWORDS):
        return 1
    
    return -1  # abstain when no clear evidence
