def label(text: str) -> int:
    if '5 stars' in text.lower():
        return 1
    elif 'but' in text.lower() or 'however' in text.lower() or 'only' in text.lower() or 'wish' in text.lower() \
            or 'disappointment' in text.lower() or 'price' in text.lower() or 'taste' in text.lower() \
            or 'mild tone' in text.lower():
        return 0
    else:
        # Other cases can be based on more complex analysis if needed, but this is a simple approach.
        return -1
