import re


def label_spam(text: str) -> int:
    # Spam patterns
    spam_patterns = [
        r"(\u201c|\u201d)\s*check\s+out\s+(\w+\.\w+)\s*(\u201d|\u201c)",
        r"(Sub\s+subscribe|Subscribe\s+sub)",  # "Subscribe to my channel"
        r"please\s+vote",  # "Please help me getting 1.000 Subscribers tonight/today"
        r"vote\s+katy",  # "check out 'starlitnightsky' channel to see epic videos"
    ]
    
    # Ham patterns
    ham_patterns = [
        # Add more patterns as needed
    ]
    
    for pattern in spam_patterns:
        if re.search(pattern, text):
            return 1
    
    for pattern in ham_patterns:
        if re.search(pattern, text):
            return 0
    
    # Abstain if no clear evidence
    return -1
