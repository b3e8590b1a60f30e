import re


def label_sms(text: str) -> int:
    spam_patterns = [
        r'ad|prize|lottery',  # Links, prizes or lottery claims
        r'subscription',      # Subscription offers
        r'premium-rate',     # Premium-rate numbers
        r'Future',            # Future predictions or results
        r'can\sall\sdecide\sfaster',  # Decisions related to time or speed
    ]

    for pattern in spam_patterns:
        if re.search(pattern, text, re.IGNORECASE):
            return 1

    return -1
