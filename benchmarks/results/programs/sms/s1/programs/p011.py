def label_sms(text: str) -> int:
    keywords_spam = ['call', 'prize', 'lottery', 'premium', 'subscription']
    phrases_spam = [
        "I'll text now!", 
        "He won't think we forgot", 
        "O we cant see if we can join denis and mina?", 
        "Hi hope u get this txt~journey hasnt been gd,now about 50 mins late I think.", 
        'Anything is valuable in only 2 situations: First- Before getting it... Second- After loosing it...'
    ]
    
    text = text.lower()
    
    for keyword in keywords_spam:
        if keyword in text:
            return 1
    
    for phrase in phrases_spam:
        if phrase in text:
            return 1
    
    return -1
