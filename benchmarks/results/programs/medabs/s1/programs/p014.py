import re


def label_abstract(text: str) -> int:
    # Check for neoplasms
    if re.search(r'\b(cancer|tumor|carcinoma|lymphoma|metastasis)\b', text, re.IGNORECASE):
        return 1
    
    # Check for digestive system diseases
    if re.search(r'\b(stomach|liver|bowel|pancreas|colon)\b', text, re.IGNORECASE):
        return 2
    
    # Check for nervous system diseases
    if re.search(r'\b(brain|nerves|epilepsy|stroke|dementia)\b', text, re.IGNORECASE):
        return 3
    
    # Check for cardiovascular diseases
    if re.search(r'\b(heart|arrows|blood pressure|cardiac)\b', text, re.IGNORECASE):
        return 4
    
    # Check for general pathological conditions
    if re.search(r'\b(poor health|weakness|depression|anxiety|inflammation|cancer)\b', text, re.IGNORECASE):
        return 5
    
    # No clear evidence, abstain
    return -1
