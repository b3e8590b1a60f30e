class_ids = {
    "neoplasms": ["cancers", "tumors", "carcinoma", "lymphoma", "metastasis"],
    "digestive system diseases": ["stomach", " liver", "bowel", "pancreas", "colon"],
    "nervous system diseases": ["brain", "nerves", "epilepsy", "stroke", "dementia"],
    "cardiovascular diseases": ["heart", " arteries", "blood pressure", " cardiac"],
    "general pathological conditions": ["anything not in the other four"]
}


def label_abstract(text: str) -> int:
    for category, keywords in class_ids.items():
        if any(word.lower() in text.lower() for word in keywords):
            return class_ids[category][0]
    return -1
