NEOPLASM_KEYWORDS = [
    'cancer', 'tumor', 'carcinoma', 'lymphoma', 'metastasis'
]


DIGESTIVE_SYSTEM_DISEASES_KEYWORDS = [
    'stomach', 'liver', 'bowel', 'pancreas', 'colon'
]


NEURONAL_SYSTEM_DISEASES_KEYWORDS = [
    'brain', 'nerves', 'epilepsy', 'stroke', 'dementia'
]


CARDIOVASCULAR_DISEASES_KEYWORDS = [
    'heart', ' arteries', 'blood pressure', 'cardiac'
]


def label_abstract(text: str) -> int:
    text = text.lower()
    
    if any(keyword in text for keyword in NEOPLASM_KEYWORDS):
        return 1
    elif any(keyword in text for keyword in DIGESTIVE_SYSTEM_DISEASES_KEYWORDS):
        return 2
    elif any(keyword in text for keyword in NEURONAL_SYSTEM_DISEASES_KEYWORDS):
        return 3
    elif any(keyword in text for keyword in CARDIOVASCULAR_DISEASES_KEYWORDS):
        return 4
    
    # Add more specific keywords and patterns
    if 'neoplasm' in text:
        return 1
    elif 'digestive system' in text:
        return 2
    elif 'nervous system' in text:
        return 3
    elif 'cardiovascular' in text:
        return 4
    
    # Abstain when no clear evidence is found
    return -1
