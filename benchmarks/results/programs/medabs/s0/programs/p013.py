import re


def label_abstract(text: str) -> int:
    # Regular expression for neoplasms
    if re.search(r'\b(neoplasm|cancer|tumor|carcinoma|lymphoma|metastasis)\b', text, re.IGNORECASE):
        return 1
    
    # Regular expression for digestive system diseases
    if re.search(r'\b(stomach|liver|bowel|pancreas|colon)\b', text, re.IGNORECASE):
        return 2
    
    # Regular expression for nervous system diseases
    if re.search(r'\b(brain|nerves|epilepsy|stroke|dementia)\b', text, re.IGNORECASE):
        return 3
    
    # Regular expression for cardiovascular diseases
    if re.search(r'\b(heart| arteries|blood pressure|cardiac)\b', text, re.IGNORECASE):
        return 4
    
    # Regular expression for general pathological conditions
    if not re.search(r'\b(neoplasm|cancer|tumor|carcinoma|lymphoma|metastasis|stomach|liver|bowel|pancreas|colon|brain|nerves|epilepsy|stroke|dementia|heart| arteries|blood pressure|cardiac)\b', text, re.IGNORECASE):
        return -1
    
    # Additional checks for specific diseases
    if 'neoplasm' in text.lower() and 'cancer' not in text.lower():
        return 1
    elif 'liver' in text.lower() and 'stomach' not in text.lower():
        return 2
    elif 'brain' in text.lower() and 'nerves' not in text.lower():
        return 3
    elif 'heart' in text.lower() and 'blood pressure' not in text.lower():
        return 4
    
    # If no specific disease is identified, abstain
    return -1
