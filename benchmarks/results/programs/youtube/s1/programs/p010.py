def label_spam(text: str) -> int:
    keywords_ham = ["GANGMAN STY- *D-D-D-D-D-D--DROP THE BASS!!*", 
                    "old and good song", 
                    'HI IM 14 YEAR RAPPER SUPPORT ME GUY AND CHECK OUT MY CHANNEL AND CHECK OUT MY SONG YOU MIGHT LIKE IT ALSO FOLLOW ME IN TWITTER @McAshim for follow back.', 
                    'Not bad', 
                    'Fruits and vegetables give you longer lasting energy for weight loss.  Check out youtube.com/user/36loseweight.', 
                    'Check out this video on YouTube:<br />Looking for my wood pile...<br />Anyone seen it? Hmm?&#39;<br />How bout some pie now<br />Ladies?&#39;',
                    'KATY PERRY, I AM THE "DÉCIO CABELO", "DECIO HAIR". I AM 60 YEARS OF AGE. I  DON"T HAVE FAMILY. I"M SINGLE. ALONE. HOMELESS. I WAS AN ALCOHOLIC: 15 AT  THE AGE O...',
                    ' Something to dance to, even if your sad JUST dance!!   PSY - GANGNAM STYLE (강남스타일) M/V: http://youtu.be/9bZkp7q19f0',
                    'http://www.ermail.pl/dolacz/UnNfY2I=                  Please click on the  link']
    
    keywords_spam = ["advertising", "links", "self-promotion", "subscribe requests"]
    
    for keyword in keywords_ham:
        if text.lower().find(keyword) != -1:
            return 0
    
    for keyword in keywords_spam:
        if text.lower().find(keyword) != -1:
            return 1
    
    return -1
