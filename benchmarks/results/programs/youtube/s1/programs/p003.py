import re


def label_spam(text: str) -> int:
    if re.search(r'www\.swagbucks\.com', text):
        return 1  # SPAM (link)
    
    if re.search(r'refer/Nonturtle02', text):
        return 1  # SPAM (link)
    
    if re.search(r'facebook|fb', text):
        return 1  # SPAM (social media request)
    
    if re.search(r'skip over this but please take a chance and check out my music I\'m a young up and coming rapper with a big dream and i appreciate ', text):
        return 1  # SPAM (self-promotion)
    
    if re.search(r'love it was 5 years ago', text):
        return 1  # SPAM (link or self-promotion)
    
    if re.search(r'check out this video on YouTube', text, re.DOTALL):
        return 0  # HAM
    
    return -1  # abstain
