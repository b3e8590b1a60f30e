def label(text: str) -> int:
    if 'Great' in text:
        return 1
    elif 'but' in text or 'however' in text or 'only' in text or 'wish' in text or 'disappointment' in text or 'price' in text or 'taste' in text or 'mild tone' in text:
        return -1
    else:
        return 0
