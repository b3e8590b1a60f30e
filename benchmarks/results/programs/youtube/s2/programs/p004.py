def label_spam(text: str) -> int:
    if "Subscribe" in text.lower():
        return 1
    elif "Video" not in text.lower() and "Song" not in text.lower() and "Artist" not in text.lower():
        return 1
    else:
        return 0
