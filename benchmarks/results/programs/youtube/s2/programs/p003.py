import re


def label_spam(text: str) -> int:
    # Spam patterns
    link_pattern = r'(https?:\/\/)?[^\s]+'
    self_promotion_pattern = r'Let\s+get\s+(this|that)\s+(video|playlist)\s+to\s+\d+\s+views'
    subscribe_request_pattern = r'Subscribe\s+request'
    
    # Check each pattern
    if re.search(link_pattern, text):
        return 1  # Spam: link
    elif re.search(self_promotion_pattern, text):
        return 1  # Spam: self-promotion
    elif re.search(subscribe_request_pattern, text):
        return 1  # Spam: subscribe request
    
    # If none of the patterns match, label as Ham
    return 0  # Ham: genuine comment
