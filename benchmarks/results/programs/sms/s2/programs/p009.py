def label_sms(text: str) -> int:
    if "exclusive" in text.lower():
        return 1
    elif "free roses" in text.lower() or "roses" in text.lower():
        return 1
    elif "subscribe" in text.lower():
        return 1
    elif "call him now ok i said call him" in text.lower():
        return 1
    elif "exclusive club" in text.lower() or "club" in text.lower():
        return 1
    elif "wot u up 2? Thout u were gonna call me!! Txt bak luv K" in text.lower():
        return 1
    else:
        return -1
