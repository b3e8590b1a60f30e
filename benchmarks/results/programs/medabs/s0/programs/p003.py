def label_abstract(text: str) -> int:
    neoplasms = ['cancer', 'tumor', 'carcinoma', 'lymphoma', 'metastasis']
    digestive_system_diseases = ['stomach', 'liver', 'bowel', 'pancreas', 'colon']
    nervous_system_diseases = ['brain', 'nerves', 'epilepsy', 'stroke', 'dementia']
    cardiovascular_diseases = ['heart', ' arteries', 'blood pressure', 'cardiac']
    
    # Check for neoplasms
    if any(word.lower() in neoplasms for word in text.split()):
        return 1
    
    # Check for digestive system diseases
    if any(word.lower() in digestive_system_diseases for word in text.split()):
        return 2
    
    # Check for nervous system diseases
    if any(word.lower() in nervous_system_diseases for word in text.split()):
        return 3
    
    # Check for cardiovascular diseases
    if any(word.lower() in cardiovascular_diseases for word in text.split()):
        return 4
    
    # If no clear evidence, abstain
    return -1
