import re


def label(text: str) -> int:
    if len(text) < 50:
        return -1

    # Check for positive comments
    if re.search(r'great', text, re.IGNORECASE):
        return 1
    # Check for negative comments
    elif re.search(r'bad', text, re.IGNORECASE) or re.search(r'disappointed', text, re.IGNORECASE):
        return -1

    # Check for strong positive phrases (like "excellent")
    if re.search(r'excellent', text, re.IGNORECASE) and re.search(r'taste', text, re.IGNORECASE):
        return 1
    elif re.search(r'perfect', text, re.IGNORECASE):
        return 1
    # Check for moderate positive comments
    elif re.search(r'much like', text, re.IGNORECASE) or re.search(r'smooth', text, re.IGNORECASE):
        return 1

    # Other cases - check if the overall tone is positive (not too negative)
    if re.search(r'good', text, re.IGNORECASE) and not re.search(r'bad', text, re.IGNORECASE):
        return 1
    elif re.search(r'decent', text, re.IGNORECASE):
        return 1

    # Other cases - check for mild positive comments (like "ok")
    elif re.search(r'ok', text, re.IGNORECASE) or re.search(r'still good', text, re.IGNORECASE):
        return 1

    return -1
