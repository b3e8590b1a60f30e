def label_sms(text: str) -> int:
    if text.lower().find("wishing") > 0:
        return 1
    elif text.lower().find("spam") > 0:
        return 1
    else:
        return -1
