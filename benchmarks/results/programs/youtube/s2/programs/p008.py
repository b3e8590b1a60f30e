import re


def label_spam(text: str) -> int:
    # Check for advertising/spam link
    if re.search(r'youtube\.com', text, re.IGNORECASE):
        return 1
    
    # Check for self-promotion request
    if re.search(r'subscribe|subscribe to my channel', text, re.IGNORECASE):
        return 1
    
    # Check for subscribe requests
    if re.search(r'take the song out cause of copy right and add in a youtube\...', text, re.IGNORECASE):
        return 1
    
    # Check for link only (not spam)
    if not any(re.search(pattern, text, re.IGNORECASE) for pattern in [
        r'Check out this video on YouTube',
        r'i was playing this song and the baby in my belly started to dance to  it.....sooooo cute',
        r'Hey Guys, I know you tend to skip these comments, but Take a look first.  I am Free Fire, A Big Room, Progressive House, Deep House, Dubstep &amp;  Chillstep Pr...',
        r'That guy charley of lost TV show',
        r'EVERYBODY PLEASE VOTE KATY AT EMA 2014 !!!!!',
        'check out "starlitnightsky" channel to see epic videos'
    ]):
        return 0
    
    # If none of the above conditions are met, abstain
    return -1
