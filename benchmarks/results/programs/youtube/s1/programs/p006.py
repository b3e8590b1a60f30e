import re


def label_spam(text: str) -> int:
    if not text:
        return -1  # abstain when input is empty
    
    if 'SPAM' in text.upper():
        return 1  # spam
    elif 'HAM' in text.upper():
        return 0  # ham
    
    # Check for links, advertisements, and requests to subscribe
    if re.search(r'https?://\S+', text):
        return 1  # spam
    elif re.search(r'#\w+', text):
        return 1  # spam
    elif re.search(r'@[A-Za-z0-9_]+', text):
        return 1  # spam
    return -1
