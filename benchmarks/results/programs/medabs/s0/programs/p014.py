import re


def label_abstract(text: str) -> int:
    text = text.lower()
    
    # Neoplasms
    if re.search(r'cancer|tumor|carcinoma|lymphoma|metastasis', text):
        return 1
    
    # Digestive system diseases
    if re.search(r'stomach| liver|bowel|pancreas|colon', text):
        return 2
    
    # Nervous system diseases
    if re.search(r'brain|nerves|epilepsy|stroke|dementia', text):
        return 3
    
    # Cardiologic diseases
    if re.search(r'heart|arteries|blood pressure|cardiac', text):
        return 4
    
    # General pathological conditions
    if re.search(r'subacute obstructive cholangitis|cholecystasis|portal hypertension|inflammation|disease|abnormality', text):
        return -1  # Abstain for general pathological conditions that are not specific to any single disease category

    else:
        return -1
