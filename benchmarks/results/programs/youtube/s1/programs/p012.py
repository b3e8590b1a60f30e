import re


def label_spam(text):
    # Check for spam links using regular expression
    if re.search(r'http[s]?://\S+', text):
        return 1
    
    # Check for mentions of popular YouTube artists or songs using regular expressions
    artist_pattern = r'yt|youtube|youtuber|song'
    song_pattern = r'music|track|album'
    
    if re.search(artist_pattern, text) or re.search(song_pattern, text):
        return 1
    
    # Check for subscribe requests or links in the text
    subscribe_pattern = r'subscribe\w*'
    link_pattern = r'watch|https?://\S+'
    
    if re.search(subscribe_pattern, text) or re.search(link_pattern, text):
        return 1
    
    # If no clear evidence of spam is found, abstain
    return -1
