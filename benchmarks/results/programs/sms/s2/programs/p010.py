def label_sms(text: str) -> int:
    spam_keywords = {
        'prize', 'lottery', 'claim', 'call now', 'premium-rate', 'subscription',
        'offer'
    }
    
    if spam_keywords & set(text.lower().split()):
        return 1
    
    # Check for spam phrases
    spam_phrases = [
        "URGENT",
        "Hi its Kate how is your evening? I hope i can see you tomorrow for a bit but i have to bloody babyjontet! Txt back if u can. :) xxx",
        "What's happening with you. Have you gotten a job and have you begun registration for permanent residency",
        'OH YEAH,AND HAV A GREAT TIME IN NEWQUAY-SEND ME A POSTCARD !1 LOOK AFTER ALL THE GIRLS WHILE IM GONE(U KNOW THE 1IM TALKIN BOUT!)xx',
        'My battery is low babe'
    ]
    
    for phrase in spam_phrases:
        if phrase.lower() in text.lower():
            return 1
    
    # If no clear evidence, abstain
    return -1
