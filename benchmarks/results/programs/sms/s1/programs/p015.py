import re


def label_sms(text: str) -> int:
    spam_keywords = [
        'prize', 'offer', 'claim', 'discount', 'sale', 'prize', 'promotion',
        'win', 'bonus', 'gift', 'award', 'voucher', 'prize', 'lottery', 'raffle'
    ]

    ham_keywords = [
        'hi', 'hello', 'goodbye', 'see you', 'thank you', 'welcome', 'greetings',
        'what\'s up', 'hey', 'whats going on', 'how are you', 'have a nice day'
    ]

    spam_phrases = [
        'free money', 'get rich', 'earn money', 'win big', 'rich', 'money',
        'free prize', 'giveaway', 'cash out', 'quick cash', 'free money'
    ]

    ham_phrases = [
        'hello', 'hi', 'goodbye', 'see you', 'thank you', 'welcome', 'greetings',
        'what\'s up', 'hey', 'whats going on', 'how are you', 'have a nice day'
    ]

    spam_keywords_re = re.compile('|'.join(spam_keywords), re.IGNORECASE)
    ham_keywords_re = re.compile('|'.join(ham_keywords), re.IGNORECASE)

    for keyword in spam_keywords:
        if keyword in text:
            return 1

    for phrase in spam_phrases:
        if phrase in text.lower():
            return 1

    for keyword in ham_keywords:
        if keyword in text:
            return 0

    for phrase in ham_phrases:
        if phrase in text.lower():
            return 0

    # Specific words and patterns for correct labeling
    specific_words = [
        'free money', 'get rich', 'earn money', 'win big', 'rich', 'money',
        'free prize', 'giveaway', 'cash out', 'quick cash', 'free money',
        'prize', 'lottery', 'raffle'
    ]

    if any(word in text.lower() for word in specific_words):
        return 1

    # Check for premium rate numbers and subscription offers
    if text.lower().startswith('087') or 'subscription' in text.lower():
        return 1

    return -1
