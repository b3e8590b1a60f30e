NEOPLASMS_KEYWORDS = {"cancer", "tumor", "carcinoma", "lymphoma", "metastasis"}


DIGESTIVE_SYSTEM_DISEASES_KEYWORDS = {"stomach", "liver", "bowel", "pancreas", "colon"}


NEUROSYSTEM_DISEASES_KEYWORDS = {"brain", "nerves", "epilepsy", "stroke", "dementia"}


CARDIOVASCULAR_DISEASES_KEYWORDS = {"heart", "arrows", "blood pressure", "cardiac"}


def label_abstract(text: str) -> int:
    text = text.lower()
    
    if any(keyword in text for keyword in NEOPLASMS_KEYWORDS):
        return 1
    elif any(keyword in text for keyword in DIGESTIVE_SYSTEM_DISEASES_KEYWORDS):
        return 2
    elif any(keyword in text for keyword in NEUROSYSTEM_DISEASES_KEYWORDS):
        return 3
    elif any(keyword in text for keyword in CARDIOVASCULAR_DISEASES_KEYWORDS):
        return 4
    else:
        return -1
