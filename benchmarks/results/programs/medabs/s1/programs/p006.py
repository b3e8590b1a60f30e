def label_abstract(text: str) -> int:
    if "cancer" in text.lower() or "tumor" in text.lower():
        return 1
    elif "stomach" in text.lower() or "liver" in text.lower() or "pancreas" in text.lower() or "colon" in text.lower():
        return 2
    elif "brain" in text.lower() or "nerves" in text.lower() or "epilepsy" in text.lower() or "stroke" in text.lower() or "dementia" in text.lower():
        return 3
    elif "heart" in text.lower() or " arteries" in text.lower() or "blood pressure" in text.lower() or "cardiac" in text.lower():
        return 4
    else:
        return -1
