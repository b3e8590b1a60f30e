def label_abstract(text: str) -> int:
    neoplasms_keywords = [
        'cancer', 'tumor', 'carcinoma', 'lymphoma', 'metastasis'
    ]
    digestive_system_diseases_keywords = [
        'stomach', ' liver', 'bowel', 'pancreas', 'colon'
    ]
    nervous_system_diseases_keywords = [
        'brain', 'nerves', 'epilepsy', 'stroke', 'dementia'
    ]
    cardiovascular_diseases_keywords = [
        'heart', ' arteries', 'blood pressure', 'cardiac'
    ]
    general_pathological_conditions_keywords = set()
    
    for word in text.lower().split():
        if word in neoplasms_keywords:
            return 1
        elif word in digestive_system_diseases_keywords:
            return 2
        elif word in nervous_system_diseases_keywords:
            return 3
        elif word in cardiovascular_diseases_keywords:
            return 4
    
    # If no clear evidence, abstain (not -1)
    return -1
