import re


def label_abstract(text: str) -> int:
    neoplasms = ['cancer', 'tumor', 'carcinoma', 'lymphoma', 'metastasis']
    digestive_system_diseases = ['stomach', 'liver', 'bowel', 'pancreas', 'colon']
    nervous_system_diseases = ['brain', 'nerves', 'epilepsy', 'stroke', 'dementia']
    cardiovascular_diseases = ['heart', ' arteries', 'blood pressure', 'cardiac']
    
    # Check for neoplasms
    if any(word.lower() in neoplasms for word in text.split()):
        return 1
    
    # Check for digestive system diseases
    if any(re.search(r'\b(' + '|'.join(digestive_system_diseases) + r')\b', text, re.IGNORECASE)):
        return 2
    
    # Check for nervous system diseases
    if any(re.search(r'\b(' + '|'.join(nervous_system_diseases) + r')\b', text, re.IGNORECASE)):
        return 3
    
    # Check for cardiovascular diseases
    if any(re.search(r'\b(' + '|'.join(cardiovascular_diseases) + r')\b', text, re.IGNORECASE)):
        return 4
    
    # If no clear evidence, abstain
    return -1
