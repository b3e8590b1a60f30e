def label(text: str) -> int:
    keywords_other = {
        'bad', 'bless', 'tbs', 'vinegar', 'kibble', 'died',
        'disappointed', 'price', 'taste', 'mellow', 'smooth', ' brisk'
    }
    
    keywords_great = {
        'flavor', 'cookies', 'butcher', 'fruit',
        'great', 'wholehearted', 'no reservation', 
        'excellent', 'drankable', 'smooth', 'decent'
    }
    
    text = text.lower()
    if any(keyword in text for keyword in keywords_other):
        return 0
    elif any(keyword in text for keyword in keywords_great):
        return 1
    else:
        return -1
