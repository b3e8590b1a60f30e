import re


def label_abstract(text: str) -> int:
    neoplasms_pattern = r'\b(cancer|tumor|carcinoma|lymphoma|metastasis)\b'
    digestive_system_diseases_pattern = r'\b(stomach| liver|bowel|pancreas|colon)\b'
    nervous_system_diseases_pattern = r'\b(brain|nerves|epilepsy|stroke|dementia)\b'
    cardiovascular_diseases_pattern = r'\b(heart|arrows|blood pressure|cardiac)\b'
    
    if re.search(neoplasms_pattern, text):
        return 1
    elif re.search(digestive_system_diseases_pattern, text):
        return 2
    elif re.search(nervous_system_diseases_pattern, text):
        return 3
    elif re.search(cardiovascular_diseases_pattern, text):
        return 4
    else:
        return -1
