other_words = ['good', 'picky', 'bitter', 'dairy', 'cheese']


great_words = ['wholehearted', 'no reservation']


def label(text: str) -> int:
    # Normalize text to lowercase for case-insensitive matching
    lower_text = text.lower()
    
    # Check if any of the other words appear in the text
    if any(word in lower_text for word in other_words):
        return 0  # Other class
    
    # Check if any of the great words appear in the text
    elif any(word in lower_text for word in great_words):
        return 1  # Great class
    
    else:
        return -1  # Abstain when no clear evidence
