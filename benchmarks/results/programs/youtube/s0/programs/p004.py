HAM_KEYWORDS = [
    "once you have started reading",
    "if you do not subscribe to me within one day",
    "you and you're entire family will die so if you want to stay alive su...",
    "I&#39;m A SUBSCRIBER\ufeff",
    "I miss this song.",
    "The best song ever!",
    "NICE GIRL :D"
]


SPAM_KEYWORDS = [
    "I like this song the video goes perfect with it",
    "i like this song",
    "subscribe to me",
    "visit my channel",
    "buy my product",
    "purchase my item"
]


def label_spam(text: str) -> int:
    text_lower = text.lower()
    
    if any(keyword in text_lower for keyword in HAM_KEYWORDS):
        return 0
    elif any(keyword in text_lower for keyword in SPAM_KEYWORDS):
        return 1
    else:
        return -1
