import re


def label_sms(text: str) -> int:
    spam_keywords = ['prize', 'lottery', 'guaranteed', 'premium-rate', 'subscription offers']
    ham_keywords = ['personal message', 'thank you', 'hello lover']

    # Check for spam keywords
    if any(keyword in text.lower() for keyword in spam_keywords):
        return 1
    
    # Check for ham keywords
    if all(keyword not in text.lower() for keyword in ham_keywords):
        return 0
    
    # Abstain if no clear evidence
    return -1


def improve_label_sms(text: str) -> int:
    spam_keywords = ['prize', 'lottery', 'guaranteed', 'premium-rate', 'subscription offers']
    ham_keywords = ['personal message', 'thank you', 'hello lover']

    # Check for spam keywords with specific patterns
    if any(re.search(r'([0-9]+)*\s*([Tt]enerife|[Ll]ottery|[Gg]uaranteed|[Pp]remium-rate|[Ss]ubscription offers)', text.lower()) for keyword in spam_keywords):
        return 1
    
    # Check for ham keywords with specific patterns
    if all(re.search(r'([0-9]+)*\s*([Tt]enderife|[Ll]ottery|[Gg]uaranteed|[Pp]remium-rate|[Ss]ubscription offers)', text.lower()) for keyword in ham_keywords):
        return 0
    
    # Abstain if no clear evidence
    return -1
