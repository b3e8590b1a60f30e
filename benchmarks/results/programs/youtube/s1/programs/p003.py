import re


def label_spam(text: str) -> int:
    # Regular expression for links
    link_pattern = r'http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+'
    
    if re.search(link_pattern, text):
        return 1  # Spam
    
    # Regular expression for advertisement phrases
    advertisement_phrases = [
        'old and good song',
        'NOT bad',
        'KATY PERRY, I AM THE "DÉCIO CABELO", "DECIO HAIR". I AM 60 YEARS OF AGE. I  DON"T HAVE FAMILY. I"M SINGLE. ALONE. HOMELESS. I WAS AN ALCOHOLIC: 15 AT  THE AGE O...',
        'Something to dance to, even if your sad JUST dance!!   PSY - GANGNAM STYLE (강남스타일) M/V: http://youtu.be/9bZkp7q19f0',
        'Check out this video on YouTube:<br />Looking for my wood pile...<br />Anyone seen it? Hmm?&#39;<br />How bout some pie now<br />Ladies?&#39;',
    ]
    
    advertisement_phrases_pattern = r'\b(' + '|'.join(re.escape(p) for p in advertisement_phrases) + r')\b'
    
    if re.search(advertisement_phrases_pattern, text):
        return 1  # Spam
    
    # Regular expression for self-promotion phrases
    self_promotion_phrases = [
        'I support you',
        'I check out your channel',
        'Subscribe to my channel',
        'Follow me on Twitter',
        'Check out my song',
        'Check out my website',
        'Follow me on Facebook',
    ]
    
    self_promotion_phrases_pattern = r'\b(' + '|'.join(re.escape(p) for p in self_promotion_phrases) + r')\b'
    
    if re.search(self_promotion_phrases_pattern, text):
        return 1  # Spam
    
    # If no patterns match, the comment is ham
    return 0  # Ham
