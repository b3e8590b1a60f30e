neoplasms = ['cancer', 'tumor', 'carcinoma', 'lymphoma', 'metastasis']


digestive_system_diseases = ['stomach', ' liver', 'bowel', 'pancreas', 'colon']


nervous_system_diseases = ['brain', 'nerves', 'epilepsy', 'stroke', 'dementia']


cardiovascular_diseases = ['heart', ' arteries', 'blood pressure', ' cardiac']


general_pathological_conditions = set()


def label_abstract(text: str) -> int:
    text = text.lower()
    if any(keyword in text for keyword in neoplasms):
        return 1
    elif any(keyword in text for keyword in digestive_system_diseases):
        return 2
    elif any(keyword in text for keyword in nervous_system_diseases):
        return 3
    elif any(keyword in text for keyword in cardiovascular_diseases):
        return 4
    elif any(keyword in text for keyword in general_pathological_conditions):
        return 5
    else:
        return -1
