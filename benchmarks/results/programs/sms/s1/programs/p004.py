def label_sms(text: str) -> int:
    if text.startswith('Hey pple...'):
        return 1  # spam
    return -1
