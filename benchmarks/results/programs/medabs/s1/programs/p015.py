import re


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
    
    # Add more specific patterns and keywords
    # For example, look for the word 'hepatic' followed by a noun or adjective to identify hepatic granulomas
    pattern = r'\bhepatic\s+\w+'
    if re.search(pattern, text_lower):
        return 2
    
    # Look for the word 'cardiac' followed by a noun or adjective to identify cardiac arrhythmias
    pattern = r'\bcardiac\s+\w+'
    if re.search(pattern, text_lower):
        return 4
    
    # Look for the word 'neoplasm' with a suffix indicating type (e.g., benign, malignant)
    pattern = r'\benoplasms?\s+(benign|malignant)'
    if re.search(pattern, text_lower):
        return 1
    
    # If no specific keywords or patterns are found, return -1
    return -1
