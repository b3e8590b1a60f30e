import re


def label_abstract(text: str) -> int:
    abstract = text.lower()
    
    # Neoplasms
    if re.search(r'cancer|tumor|carcinoma|lymphoma|metastasis', abstract):
        return 1
    
    # Digestive system diseases
    if re.search(r'stomach| liver|bowel|pancreas|colon', abstract):
        return 2
    
    # Nervous system diseases
    if re.search(r'brain|nerves|epilepsy|stroke|dementia', abstract):
        return 3
    
    # Cardiologic diseases
    if re.search(r'heart|arteries|blood pressure|cardiac', abstract):
        return 4
    
    # General pathological conditions
    else:
        return -1
