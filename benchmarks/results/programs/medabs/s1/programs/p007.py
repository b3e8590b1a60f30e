def label_abstract(text: str) -> int:
    diseases = {
        "neoplasms": ["cancer", "tumor", "carcinoma", "lymphoma", "metastasis"],
        "digestive system diseases": ["stomach", "liver", "bowel", "pancreas", "colon"],
        "nervous system diseases": ["brain", "nerves", "epilepsy", "stroke", "dementia"],
        "cardiovascular diseases": ["heart", "arrows", "blood pressure", "cardiac"],
        "general pathological conditions": ["anything not in the other four"]
    }

    for category, words in diseases.items():
        if any(word in text for word in words):
            return category

    return -1
