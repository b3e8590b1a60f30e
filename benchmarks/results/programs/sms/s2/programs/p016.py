import re


def label_sms(text: str) -> int:
    # Check if the text contains any known spam keywords or patterns
    spam_keywords = ['prize', 'win', 'cds', 'store', 'enter', 'ts&cs', 'ldew.com', 'subs16+1win150ppmx3', 'music', '87066', 'addie', 'school', 'tues', 'wed']
    
    for keyword in spam_keywords:
        if re.search(keyword, text, re.IGNORECASE):
            return 1
    
    # If no spam keywords are found, check for regular expressions that might indicate spam
    if re.search(r'\b\d{5}\s*[\w\s]*\b', text):  # Check for a five-digit number followed by any word or space
        return 1
    
    # Additional checks to ensure the message is not likely spam based on content patterns
    if 'prize' in text.lower() or 'win' in text.lower():
        return 1
    
    # If no clear evidence of spam is found, abstain from labeling the message
    return -1
