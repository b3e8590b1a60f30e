import re


def label(text: str) -> int:
    # Regular expression to match words that are generally negative or complaints
    negative_words = r'\b(fruity|taste|stale|problem|complaint|disappointment|price|taste)\b'
    
    # Check if any of the negative words appear in the text
    if re.search(negative_words, text, re.IGNORECASE):
        return 0  # Other
    
    # If no negative words are found, check for positive or mixed sentiment
    elif 'love' in text.lower():
        return 1  # Great
    
    # Abstain if neither positive nor negative sentiments are detected
    else:
        return -1  # abstain
