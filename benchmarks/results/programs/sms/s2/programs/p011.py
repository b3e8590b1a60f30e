def label_sms(text: str) -> int:
    spam_keywords = ["Exclusive@CLUBSAISAI", "FREE ROSES", "info:", "+7946746291", "+7880867867"]
    ham_keywords = ["Hi", "Hello", "How are you?", "What's up?", "I'm fine", "I'm good", "I'm doing well", "I'm okay", "I'm all right", "I'm not sick", "I'm not feeling bad"]

    spam_phrases = ["bitching", "buy something else next week", "free for us", "embassy or send a mail to them", "no available spaces"]
    ham_phrases = ["ok", "sure", "call him", "text bak luv K", "swimming?"]

    if any(keyword in text.lower() for keyword in spam_keywords) and not any(keyword in text.lower() for keyword in ham_keywords):
        return 1
    elif any(phrase in text.lower() for phrase in spam_phrases) and not any(phrase in text.lower() for phrase in ham_phrases):
        return 1
    else:
        return -1
