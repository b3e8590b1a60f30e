import re


def label_spam(text: str) -> int:
    if not text:
        return -1  # abstain when the input is empty

    # Check for links (common on YouTube comments)
    link_regex = r'http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+'
    if re.search(link_regex, text):
        return 1

    # Check for self-promotion (common on YouTube comments)
    self_promotion_keywords = ['subscribe', 'follow me', 'check out my channel', 'visit my website']
    if any(keyword in text.lower() for keyword in self_promotion_keywords):
        return 1

    # Check for spammy phrases or comments
    spam_phrases = [
        "I'm not bad",
        "Gangnam Style",
        "Not bad",
        "Fruits and vegetables give you longer lasting energy for weight loss",
        "Check out this video on YouTube"
    ]
    if any(phrase in text.lower() for phrase in spam_phrases):
        return 1

    # If no clear evidence, label as ham
    return 0
