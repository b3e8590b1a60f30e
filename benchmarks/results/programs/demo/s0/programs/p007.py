def label(text: str) -> int:
    if 'love' in text.lower() and not any(word in text.lower() for word in ['but', 'however', 'only', 'wish', 'disappointment', 'price', 'taste']):
        return 1  # great
    elif 'no' in text.lower():
        return 0  # other
    else:
        return -1  # abstain
