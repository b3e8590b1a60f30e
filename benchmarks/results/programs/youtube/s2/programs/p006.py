def label_spam(text: str) -> int:
    if "subscribe" in text or "please subscribe" in text or "guys please subscribe me to help my channel grow please guys" in text:
        return 1
    elif "video on YouTube:" in text and not "Qq" in text:
        return 1
    elif "Best song ever" in text or "Hey subscribe to me" in text or "My favorite song 💗💗💗💗" in text:
        return 0
    else:
        return -1
