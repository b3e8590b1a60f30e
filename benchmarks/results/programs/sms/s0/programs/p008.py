import re


def label_sms(text):
    spam_keywords = [
        'prize', 'lottery', 'guaranteed', 'call',
        'landline', 'valid12hrs'
    ]
    ham_keywords = [
        'space invaders', 'games arcade', 'xmas new years eve tickets',
        'normaly i use to drink more water daily', 'my fri ah...', 'dear how is chechi',
        'did you talk to her'
    ]
    
    spam_pattern = '|'.join(map(re.escape, spam_keywords))
    ham_pattern = '|'.join(map(re.escape, ham_keywords))
    
    if re.search(spam_pattern, text, re.IGNORECASE):
        return 1
    elif re.search(ham_pattern, text, re.IGNORECASE):
        return 0
    else:
        return -1
