import re


def label_spam(text: str) -> int:
    if re.search(r'(\u2705|\u2714)', text):  # Check for thumbs up emoji
        return 0
    elif re.search(r'http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+', text):  # Check for URLs
        if 'youtube' in text.lower():  # Check if it's about a YouTube video
            return 1
    elif re.search(r'\b\s*\d+\s* billion\b', text, re.IGNORECASE):  # Check for "billion" usage
        return 1
    else:
        return -1  # Abstain when no clear evidence found
    return -1
