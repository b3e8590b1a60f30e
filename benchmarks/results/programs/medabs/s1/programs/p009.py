import re


def label_abstract(text: str) -> int:
    class_ids = {
        "neoplasms": [1],
        "digestive system diseases": [2],
        "nervous system diseases": [3],
        "cardiovascular diseases": [4],
        "general pathological conditions": [5]
    }

    # Check for specific patterns in the text
    if any(re.search(pattern, text) for pattern in class_ids.values()):
        return min(class_ids.values(), key=len)

    # If no clear evidence is found, abstain
    return -1
