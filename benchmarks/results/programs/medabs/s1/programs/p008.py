def label_abstract(text: str) -> int:
    keywords_neoplasms = ['cancer', 'tumor', 'carcinoma', 'lymphoma', 'metastasis']
    keywords_digestive_system_diseases = [
        'stomach', 'liver', 'bowel', 'pancreas', 'colon'
    ]
    keywords_nervous_system_diseases = [
        'brain', 'nerves', 'epilepsy', 'stroke', 'dementia'
    ]
    keywords_cardiovascular_diseases = [
        'heart', 'arrows', 'blood pressure', 'cardiac'
    ]
    keywords_general_pathological_conditions = [
        # Add more general diseases as needed
    ]
    
    text_lower = text.lower()
    
    for keyword in keywords_neoplasms:
        if keyword in text_lower:
            return 1
    
    for keyword in keywords_digestive_system_diseases:
        if keyword in text_lower:
            return 2
    
    for keyword in keywords_nervous_system_diseases:
        if keyword in text_lower:
            return 3
    
    for keyword in keywords_cardiovascular_diseases:
        if keyword in text_lower:
            return 4
    
    for keyword in keywords_general_pathological_conditions:
        if keyword in text_lower:
            return 5
    
    return -1
