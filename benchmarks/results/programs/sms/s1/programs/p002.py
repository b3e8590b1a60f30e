SPAM_KEYWORDS = {
    "unwanted", "commercial", "fraudulent", "prize", "lottery", "premium-rate", "subscription"
}


def label_sms(text: str) -> int:
    lower_text = text.lower()
    if any(keyword in lower_text for keyword in SPAM_KEYWORDS):
        return 1
    else:
        return -1
