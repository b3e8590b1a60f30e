import re


def label_sms(text: str) -> int:
    # Check for spam claims
    if re.search(r'FREE entry into our \£250 weekly comp', text):
        return 1
    elif re.search(r'PRIVATE! Your', text):
        return 1
    elif re.search(r'subscription offers', text):
        return 1
    # Check for premium-rate numbers (not a reliable indicator)
    elif any(text.startswith(prefix) for prefix in ['086', '078']):
        return -1
    else:
        return 0
