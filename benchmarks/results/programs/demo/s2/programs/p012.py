import re


def label(text: str) -> int:
    if not text:
        return -1
    
    # Check for links (which are often used as negative indicators)
    if re.search(r'https?://', text):
        return 0
    
    # Phrases indicating disappointment or reservation
    phrases = [
        'I don\'t know why',
        'Not sure why',
        'It tastes pretty good too, compared to some of the sandy or cardboard box tast...',
        'Not sure if these hadn\'t been "invented" before. So delicious and so good for you.  Love that these are organic, preservative free, and so simply made. Thank y...'
    ]
    
    # Check for phrases indicating negative sentiment
    for phrase in phrases:
        if re.search(re.escape(phrase), text, re.IGNORECASE):
            return 0
    
    # If no strong negative indicators found, check for positive sentiment
    if 'love' in text and 'excellent' in text or 'great' in text:
        return 1
    
    # No clear evidence of either great or other
    return -1
