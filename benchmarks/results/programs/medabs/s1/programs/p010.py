import re


class_ids = {
    "neoplasms": ["cancer", "tumor", "carcinoma", "lymphoma", "metastasis"],
    "digestive system diseases": [
        "stomach",
        "liver",
        "bowel",
        "pancreas",
        "colon"
    ],
    "nervous system diseases": [
        "brain",
        "nerves",
        "epilepsy",
        "stroke",
        "dementia"
    ],
    "cardiovascular diseases": ["heart", "arteries", "blood pressure", " cardiac"],
    "general pathological conditions": ["anything not in the other four"]
}


def label_abstract(text: str) -> int:
    for category, terms in class_ids.items():
        if any(re.search(term, text, re.IGNORECASE) for term in terms):
            return class_ids[category][0]
    return -1
