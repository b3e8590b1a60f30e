def label(text: str) -> int:
    if text.lower().find("great") != -1:
        return 1
    elif text.lower().find("other") != -1:
        return 0
    else:
        return -1
