import re


def label(text: str) -> int:
    # Define a list of negative keywords and phrases
    negative_keywords = [
        "but", "however", "only", "wish",
        "disappointed", "price", "taste", "mild tone"
    ]
    
    # Check if the text contains any negative keywords or phrases
    for keyword in negative_keywords:
        if re.search(keyword, text, re.IGNORECASE):
            return 0
    
    # If no negative keywords are found, check if the text is overall positive
    if "great" in text and not any(keyword in text for keyword in negative_keywords):
        return 1

    # Return -1 to abstain when the input gives no clear evidence
    return -1
