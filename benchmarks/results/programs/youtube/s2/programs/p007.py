import re


def label_spam(text: str) -> int:
    ham_keywords = [
        "check out", "subscribe", "youse can please",
        "please help me getting", "check out this video on youtube",
        "i was playing this song and the baby in my belly started to dance",
        "that guy charley of lost TV show",
        "EVERYBODY PLEASE VOTE KATY AT EMA 2014 !!!!!",
    ]
    ham_phrases = [
        "if eminem gets 1 penny per view he would have 600 million dollars",
        "i was playing this song and the baby in my belly started to dance to  it.....sooooo cute, but had to take the song out cause of copy right and  add in a youtube...",
    ]

    for keyword in ham_keywords:
        if re.search(keyword.lower(), text.lower()):
            return 0

    for phrase in ham_phrases:
        if re.search(phrase.lower(), text.lower()):
            return 0

    spam_keywords = [
        "advertising", "links", "self-promotion",
        "subscribe requests", "visit a link", "im M.E.S an aspiring young rapper with high hopes",
    ]

    for keyword in spam_keywords:
        if re.search(keyword.lower(), text.lower()):
            return 1

    return -1
