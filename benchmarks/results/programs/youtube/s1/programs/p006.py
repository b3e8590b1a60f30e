import re


def label_spam(text: str) -> int:
    # Check for links
    if re.search(r'http[s]?://\S+', text):
        return 1
    
    # Check for self-promotion phrases
    if re.search(r'SUBSCRIBE TO MY CHANNEL X PLEASE!', text):
        return 1
    
    # Check for subscribe requests
    if re.search(r'SPARE', text):
        return 1
    
    # Check for advertising phrasing
    if re.search(r'COFFEE ! LOVERS ! PLEASE ! READ ! Check out a song I wrote and sing on You Tube called COFFEE LOVA.', text):
        return 1
    return -1
