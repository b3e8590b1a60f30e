import re


def label_spam(text: str) -> int:
    # Check for spam phrases like links, self-promotion or subscribe requests
    if re.search(r'http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+', text):
        return 1
    elif re.search(r'@', text):  # Check for Twitter handles
        return 1
    elif 'SPAM' in text or 'ADVERTISING' in text:  # Check for specific keywords
        return 1
    else:
        return 0  # Label as HAM if no spam-like indicators are found
