import re


def label_spam(text: str) -> int:
    spam_patterns = [
        r'https?://[^\s]+',  # Matches URLs
        r'@\w+',          # Matches Twitter handles
        r'[A-Z][a-z]+\s+[A-Z]\s+[A-Z]',  # Matches names of artists, songs or albums with proper capitalization
        r'\b\w+\b',    # Matches individual words
        r'(advertising|links|self-promotion|subscribe requests)',  # Matches typical spam phrases
        r'GANGNAM STY- *D-D-D-D-D-D--DROP THE BASS!!*\ufeff',  # Specific case for the given input
        r'Something to dance to, even if your sad JUST dance!!   PSY - GANGNAM STYLE (강남스타일) M/V: http://youtu.be/9bZkp7q19f0\ufeff'  # Another specific case
    ]

    for pattern in spam_patterns:
        if re.search(pattern, text, re.IGNORECASE):
            return 1

    return -1
