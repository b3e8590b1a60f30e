import re


def label_sms(text: str) -> int:
    # Check for spam keywords
    if 'prize' in text or 'offer' in text or 'promotion' in text or \
       'free' in text or 'gift' in text or 'discount' in text or \
       'rare' in text or 'exclusive' in text or 'winner' in text:
        return 1
    
    # Check for premium-rate numbers
    if re.search(r'\+?\d{1,3}[-.\s]?\d{1,4}[-.\s]?\d{1,9}', text):
        return 1
    
    # Check for subscription offers
    if 'subscribe' in text or 'pay' in text or 'subscription' in text or \
       'membership' in text or 'join' in text:
        return 1
    
    # Check for automated messages
    if re.search(r'\b(automated|bot|machine|programmed)\b', text, re.IGNORECASE):
        return 1
    
    # If none of the above matches, it's likely a ham message
    return 0
