import re


def label_spam(text: str) -> int:
    spam_keywords = [
        'advertising', 'links', 'self-promotion', 'subscribe', 'visit'
    ]

    ham_keywords = [
        'genuine comment about the video',
        'genuine comment about the song',
        'genuine comment about the artist'
    ]

    spam_phrases = [
        '<br /><i>______________________________</i><br />if you have som tips so contact me on kik or skype<br /><i>__________...'
    ]

    ham_phrases = [phrase.lower() for phrase in ham_phrases]

    if any(keyword in text.lower() for keyword in spam_keywords):
        return 1

    if any(phrase in text.lower() for phrase in spam_phrases):
        return 1

    if any(re.search(pattern, text) for pattern in ham_keywords):
        return 0

    if any(re.search(pattern, text) for pattern in ham_phrases):
        return 0

    return -1
