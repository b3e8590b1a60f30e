keywords_neoplasms = ["cancer", "tumor", "carcinoma", "lymphoma", "metastasis"]


keywords_digestive_system_diseases = ["stomach", "liver", "bowel", "pancreas", "colon"]


keywords_nervous_system_diseases = ["brain", "nerves", "epilepsy", "stroke", "dementia"]


keywords_cardiovascular_diseases = ["heart", " arteries", "blood pressure", "cardiac"]


keywords_general_pathological_conditions = ["anything", "not", "in", "the", "other", "four"]


def label_abstract(text: str) -> int:
    text_lower = text.lower()

    for word in keywords_neoplasms:
        if word in text_lower:
            return 1

    for word in keywords_digestive_system_diseases:
        if word in text_lower:
            return 2

    for word in keywords_nervous_system_diseases:
        if word in text_lower:
            return 3

    for word in keywords_cardiovascular_diseases:
        if word in text_lower:
            return 4

    for word in keywords_general_pathological_conditions:
        if word in text_lower:
            return 5

    return -1
