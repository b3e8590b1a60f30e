import re


def label(text: str) -> int:
    if text.lower().find("great") != -1:
        return 1

    if re.search(r"won't buy it again|unusable due to damage", text, re.IGNORECASE):
        return 0

    if re.search(r"(but|however|only|wish|disappointment|price|taste problem|mild tone)", text, re.IGNORECASE):
        return 0

    # If none of the above conditions are met, abstain
    return -1
