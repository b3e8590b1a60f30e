import re


def label_sms(text: str) -> int:
    spam_keywords = [
        "URGENT!", "prize", "GuarANTEED", "call", " prize code",
        "ticket", "fast", "day", "night", "Thursday", "Friday", "Saturday"
    ]
    
    if any(keyword in text for keyword in spam_keywords):
        return 1
    
    # Check for subscription offers
    subscription_offer_pattern = r'Xmas & New Years Eve tickets are now on sale from the club, during the day from 10am till 8pm, and on Thurs, Fri & Sat night this week. They\'re selling fast!'
    if re.search(subscription_offer_pattern, text):
        return 1
    
    # Check for premium-rate numbers
    if any(keyword in text for keyword in ["09050001808", "09066660100"]):
        return 1
    
    # Check for ham (ordinary personal message)
    if re.match(r'^(?!.*\bBuy Space Invaders 4 a chance 2 win orig Arcade Game console.*).*(?!.*\bYup next stop.*).*(?!.*\bDon\'t forget who owns you and who\'s private property you are \*.*)*(?!.*\bXmas & New Years Eve tickets are now on sale from the club.*).*(?!.*\bI have lost 10 kilos as of today!.*).*(?!.*\bURGENT! We are trying to contact U. Todays draw shows that you have won a £800 prize GUARANTEED. Call 09050001808 from land line. Claim M95. Valid12hrs only.*).*(?!.*\bHello lover! How goes that new job? Are you there now? Are you happy? Do you think of me? I wake, my slave and send you a teasing kiss from across the sea.*).*(?!.*\bYup... How ü noe leh...).*$', text):
        return 0
    
    # If none of the above conditions are met
    return -1
