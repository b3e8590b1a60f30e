import re


class_ids = {
    'neoplasms': [1],
    'digestive system diseases': [2],
    'nervous system diseases': [3],
    'cardiovascular diseases': [4],
    'general pathological conditions': [5]
}


def label_abstract(text: str) -> int:
    for category, ids in class_ids.items():
        if any(re.search(pattern, text) for pattern in ids):
            return ids[0]  # Return the first matching ID
    return -1  # Abstain
