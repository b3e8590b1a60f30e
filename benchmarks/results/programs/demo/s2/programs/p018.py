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
    
    # Check if the text contains any of the good phrases
    for phrase in good_phrases:
        if re.search(phrase, text.lower(), re.IGNORECASE):
            return 1
    
    # Check if the text contains any of the bad phrases
    for phrase in bad_phrases:
        if re.search(phrase, text.lower(), re.IGNORECASE):
            return 0
    
    # Return -1 (abstain) if no good or bad phrases are found
    return -1
