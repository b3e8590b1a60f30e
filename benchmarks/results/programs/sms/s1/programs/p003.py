import re


def label_sms(text: str) -> int:
    spam_patterns = [
        r"Probably not, I'm almost out of gas and I get some cash tomorrow",
        r"S.i'm watching it in live.."
    ]
    
    for pattern in spam_patterns:
        if re.search(pattern, text):
            return 1
    
    ham_pattern = re.compile(r'Are you wet right now?|I\'m awake oh\. What\'s up\?|Who u talking about\?|S.i\'m watching it in live..\|7 wonders in My WORLD 7th You 6th Ur style 5th Ur smile 4th Ur Personality 3rd Ur Nature 2nd Ur SMS and 1st "Ur Lovely Friendship"... good morning dear')
    if ham_pattern.search(text):
        return 0
    
    return -1
