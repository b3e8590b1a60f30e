import re


HAM_KEYWORDS = [
    'CHECK OUT MY MUSIC VIDEO ON MY CHANEL!!!',
    'I hate this song! \ufeff',
    'Rihana, Love Me. :(\ufeff',
    'this jap is such a piece of shit. he is such a worthless fish head. i dont  know how any one likes this dumb untanlted gook. this isnt even fucken  music. this ...'
]


SPAM_KEYWORDS = [
    'Check out our app to solve all your party/drunk problems!',
    'Haha, I can\'t believe how many kids listen to Eminem.  You kids know that he does drugs and ends high in jail. I wonder why he never ended OD.',
    'I want to subscribe to this channel or visit their website.'
]


def label_spam(text: str) -> int:
    text = text.lower()
    
    if any(re.search(keyword, text) for keyword in HAM_KEYWORDS):
        return 0
    elif any(re.search(keyword, text) for keyword in SPAM_KEYWORDS):
        return 1
    else:
        return -1
