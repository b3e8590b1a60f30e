def label_sms(text: str) -> int:
    spam_keywords = ["URGENT", "GuarANTEED", "Premium-rate numbers", "subscription offers"]
    
    if any(keyword.lower() in text.lower() for keyword in spam_keywords):
        return 1
    
    ham_keywords = [
        "Buy Space Invaders 4 a chance 2 win orig Arcade Game console",
        "Yup next stop.",
        "Don't forget who owns you and who's private property you are ... And be my good boy always .. *passionate kiss*",
        "Xmas & New Years Eve tickets are now on sale from the club, during the day from 10am till 8pm, and on Thurs, Fri & Sat night this week. They're selling fast!",
        'I have lost 10 kilos as of today!',
        'URGENT! We are trying to contact U. Todays draw shows that you have won a £800 prize GUARANTEED. Call 09050001808 from land line. Claim M95. Valid12hrs only',
        'Hello lover! How goes that new job? Are you there now? Are you happy? Do you think of me? I wake, my slave and send you a teasing kiss from across the sea',
        "Yup... How ü noe leh...",
        "Congratulations YOU'VE Won. You're a Winner in our August £1000 Prize Draw. Call 09066660100 NOW. Prize Code 2309.",
        'Normally i use to drink more water daily:)',
        'My fri ah... Okie lor,goin 4 my drivin den go shoppin after tt...',
        'Dear how is chechi. Did you talk to her'
    ]
    
    if any(keyword.lower() in text.lower() for keyword in ham_keywords):
        return 0
    
    return -1
