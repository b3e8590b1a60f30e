import re


def label_abstract(text: str) -> int:
    # Regex for neoplasms
    if re.search(r'cancer|tumor|carcinoma|lymphoma|metastasis', text, re.IGNORECASE):
        return 1
    
    # Regex for digestive system diseases
    if re.search(r'stomach| liver|bowel|pancreas|colon', text, re.IGNORECASE):
        return 2
    
    # Regex for nervous system diseases
    if re.search(r'brain|nerves|epilepsy|stroke|dementia', text, re.IGNORECASE):
        return 3
    
    # Regex for cardiovascular diseases
    if re.search(r'heart| arteries|blood pressure|cardiac', text, re.IGNORECASE):
        return 4
    
    # If none of the above patterns match, abstain (return -1)
    return -1
