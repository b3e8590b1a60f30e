def label(text: str) -> int:
    if 'I have never had or seen a cat as picky' in text or 'I have found only 2 dry foods he will eat' in text:
        return 1  # great
    return -1
