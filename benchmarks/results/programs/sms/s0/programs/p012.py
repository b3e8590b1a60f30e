import re


def label_sms(text: str) -> int:
    spam_keywords = ['spam', 'advertisement', 'prize', 'lottery', 'premium-rate', 'subscription']
    
    # Check if any keyword is present in the text, indicating a spam message
    for keyword in spam_keywords:
        if re.search(keyword, text, re.IGNORECASE):
            return 1
    
    # Check for links (which are often used in spam messages)
    if re.search(r'http\S+', text):
        return 1
    
    # Check for phrasings typical of spam, such as "please send me"
    if re.search(r'please\s+send', text):
        return 1
    
    # If no clear evidence is found, abstain
    return -1
