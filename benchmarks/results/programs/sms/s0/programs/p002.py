keywords_ham = ['buy space invaders', 'yup next stop.', "don't forget who owns you", "and be my good boy always", "xmas & new years eve tickets are now on sale", "i have lost 10 kilos", 'urgently!', 'hello lover! how goes that new job? are you there now?', 'are you happy? do you think of me', 'wakes, my slave and send you a teasing kiss from across the sea']


keywords_spam = ['prize draw', 'guaranteed', 'call 09050001808', 'claim m95', 'valid12hrs only', 'normal i use to drink more water daily:', 'fri ah...', 'okie lor,goin 4 my drivin den go shoppin after tt...']


def label_sms(text: str) -> int:
    text = text.lower()
    if any(keyword in text for keyword in keywords_ham):
        return 0
    elif any(keyword in text for keyword in keywords_spam):
        return 1
    else:
        return -1
