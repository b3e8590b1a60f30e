neoplasms = [
    'cancer', 'tumor', 'carcinoma', 'lymphoma', 'metastasis'
]


digestive_system_diseases = [
    'stomach', 'liver', 'bowel', 'pancreas', 'colon'
]


nervous_system_diseases = [
    'brain', 'nerves', 'epilepsy', 'stroke', 'dementia'
]


cardiovascular_diseases = [
    'heart', ' arteries', 'blood pressure', ' cardiac'
]


def label_abstract(text: str) -> int:
    text = text.lower()
    
    if any(word in text for word in neoplasms):
        return 1
    elif any(word in text for word in digestive_system_diseases):
        return 2
    elif any(word in text for word in nervous_system_diseases):
        return 3
    elif any(word in text for word in cardiovascular_diseases):
        return 4
    else:
        return -1
