import re


def label_spam(text: str) -> int:
    ham_keywords = [
        'GANGMAN STY- *D-D-D-D-D-D--DROP THE BASS!!*\ufeff',
        'old and good song\ufeff',
        'HI IM 14 YEAR RAPPER SUPPORT ME GUY AND CHECK OUT MY CHANNEL AND CHECK OUT MY SONG YOU MIGHT LIKE IT ALSO FOLLOW ME IN TWITTER @McAshim for follow back.',
        'Not bad\ufeff',
        'Fruits and vegetables give you longer lasting energy for weight loss.  Check out youtube.com/user/36loseweight.'
    ]
    
    spam_keywords = [
        'Check out this video on YouTube:<br />Looking for my wood pile...<br />Anyone seen it? Hmm?&#39;<br />How bout some pie now <br />Ladies?&#39;',
        'KATY PERRY, I AM THE "DÉCIO CABELO", "DECIO HAIR". I AM 60 YEARS OF AGE. I  DON"T HAVE FAMILY. I"M SINGLE. ALONE. HOMELESS. I WAS AN ALCOHOLIC: 15 AT  THE AGE O...',
        'Something to dance to, even if your sad JUST dance!!   PSY - GANGNAM STYLE (강남스타일) M/V: http://youtu.be/9bZkp7q19f0\ufeff',
        'http://www.ermail.pl/dolacz/UnNfY2I=                  Please click on the  link\ufeff',
        'Wow this video almost has a billion views! Didn\'t know it was so popular \ufeff'
    ]
    
    text = text.lower()
    
    for keyword in ham_keywords:
        if re.search(keyword, text):
            return 0
    
    for keyword in spam_keywords:
        if re.search(keyword, text):
            return 1
    
    return -1
