import re


def label(text: str) -> int:
    good_phrases = [
        "great", "wholehearted praise", "no reservation at all",
        "love", "enjoy", "best", "top-notch", "delicious", "superior"
    ]
    
    bad_phrases = [
        "but", "however", "only", "wish", "disappointment", "price",
        "taste problem", "mild tone", "ok", "good", "decent"
    ]
    
    if any(re.search(pattern, text.lower(), re.IGNORECASE) for pattern in good_phrases):
        return 1
    elif any(re.search(pattern, text.lower(), re.IGNORECASE) for pattern in bad_phrases):
        return 0
    else:
        return -1
