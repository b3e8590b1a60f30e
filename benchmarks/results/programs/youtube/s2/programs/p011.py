import re


def label_spam(text: str) -> int:
    # Check for advertisements and self-promotion
    if re.search(r'Check out this video on YouTube:\ufeff', text):
        return 1
    elif re.search(r'i was playing this song and the baby in my belly started to dance to it.....sooooo cute, but had to take the song out cause of copy right and  add in a youtube...', text):
        return 1
    elif re.search(r'Hey Guys, I know you tend to skip these comments, but Take a look first.  I am Free Fire, A Big Room, Progressive House, Deep House, Dubstep &amp;  Chillstep Pr...', text):
        return 1
    elif re.search(r'That guy charley of lost TV show\ufeff', text):
        return 1

    # Check for links
    if re.search(r'http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+', text):
        return 1

    # Check for subscribe requests
    if re.search(r'SUBSCRIBE to my channel', text) or re.search(r'please SUBSCRIBE', text):
        return 1

    # Check for voting requests
    if re.search(r'PLEASE VOTE KATY AT EMA 2014 !!!!!', text) or re.search(r'best song  best female best pop best live best look  best video  PLEASE VOTE KATY !!!!!', text):
        return 1

    # If no clear evidence, abstain
    return -1
