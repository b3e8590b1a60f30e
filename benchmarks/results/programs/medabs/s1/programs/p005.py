keyword_neoplasms = ["cancer", "tumor", "carcinoma", "lymphoma", "metastasis"]


def label_abstract(text: str) -> int:
    text_lower = text.lower()
    for keyword in keyword_neoplasms:
        if keyword in text_lower:
            return 1
    for keyword in keyword_digestive_system_diseases:
        if keyword in text_lower:
            return 2
    for keyword in keyword_nervous_system_diseases:
        if keyword in text_lower:
            return 3
    for keyword in keyword_cardiovascular_diseases:
        if keyword in text_lower:
            return 4
    for keyword in keyword_general_pathological_conditions:
        if keyword in text_lower:
            return 5
    return -1
