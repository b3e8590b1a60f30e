import re


def label_abstract(text: str) -> int:
    # Define regex patterns for each class
    neoplasms_pattern = r'\b(cancer|tumor|carcinoma|lymphoma|metastasis)\b'
    digestive_system_pattern = r'\b(stomach| liver|bowel|pancreas|colon)\b'
    nervous_system_pattern = r'\b(brain|nerves|epilepsy|stroke|dementia)\b'
    cardiovascular_diseases_pattern = r'\b(heart| arteries|blood pressure|cardiac)\b'
    
    # Check for each pattern and return the class id if a match is found
    if re.search(neoplasms_pattern, text):
        return 1
    elif re.search(digestive_system_pattern, text):
        return 2
    elif re.search(nervous_system_pattern, text):
        return 3
    elif re.search(cardiovascular_diseases_pattern, text):
        return 4
    else:
        # If no match is found, abstain by returning -1
        return -1
