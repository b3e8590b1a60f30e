import re


def label_spam(text: str) -> int:
    if any(word.lower() in ['subscribe', 'link', 'advertisement'] for word in text.split()):
        return 1
    elif any(word.lower() in ['like', 'dislike', 'love', 'hate', 'thumbs up', ' thumbs down'] for word in text.split()):
        return 0
    else:
        # Check for common spam patterns using regular expressions
        spam_patterns = [
            r'buy\s+(?:gift|card)\s+voucher',
            r'send\s+gift',
            r'reward\s+points',
            r'prize\s+\w*',
            r'make\s+money\s+with',
            r'study\s+program',
            r'test\s+drive',
            r'win\s+\w*'
        ]
        
        for pattern in spam_patterns:
            if re.search(pattern, text):
                return 1
        return -1
