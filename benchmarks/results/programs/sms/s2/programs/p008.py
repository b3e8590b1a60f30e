spam_keywords = {
    "commercial": True,
    "advertising": True,
    "prize": True,
    "lottery": True,
    "subscription": True,
    "premium-rate": True,
}


def label_sms(text: str) -> int:
    # Convert text to lowercase for case-insensitive matching
    text_lower = text.lower()

    # Check if any spam keywords are present in the text
    if any(keyword in text_lower for keyword, value in spam_keywords.items()):
        return 1

    # If no spam keywords are found, abstain
    else:
        return -1
