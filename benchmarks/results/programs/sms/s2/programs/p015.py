def label_sms(text: str) -> int:
    spam_patterns = [
        r'send\s+money',
        r'lottery\s+claims',
        r'reward\s+\$',
        r'win\s+\$',
        r'buy\s+premium-rate\s+numbers',
        r'pay\s+premium-rate\s+numbers',
        r'toll\s+free',
        r'subscription\s+offers'
    ]
    
    ham_patterns = [
        r'hello',
        r'reply',
        r'me',
        r'do',
        r'your',
        r'any',
        r'all',
        r'some',
        r'none',
        r'something',
        r'that',
        r'it',
        r'the',
        r'a',
        r'an',
        r'to',
        r'in',
        r'you'
    ]
    
    # Improve the signal by adding specific words and patterns
    spam_specific_words = {
        'send money': True,
        'lottery claims': True,
        'reward $': True,
        'win $': True,
        'buy premium-rate numbers': True,
        'pay premium-rate numbers': True,
        'toll free': True,
        'subscription offers': True
    }
    return -1
