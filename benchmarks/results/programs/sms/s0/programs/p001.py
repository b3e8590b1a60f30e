def label_sms(text: str) -> int:
    spam_keywords = [
        "Congratulations", "prize", "lottery", "premium-rate", "subscription",
        "accident", "ghodbandar rd.", "traffic moves slovely", "slip &amp; don't worry"
    ]

    if any(keyword in text.lower() for keyword in spam_keywords):
        return 1
    else:
        return -1
