import re


def label_abstract(text: str) -> int:
    # Regular expression patterns for each class
    pattern_neoplasms = re.compile(r'cancer|tumor|carcinoma|lymphoma|metastasis')
    pattern_digestive_system_diseases = re.compile(r'stomach|liver|bowel|pancreas|colon')
    pattern_nervous_system_diseases = re.compile(r'brain|nerves|epilepsy|stroke|dementia')
    pattern_cardiovascular_diseases = re.compile(r'heart| arteries|blood pressure|cardiac')
    
    # Check for each class
    if pattern_neoplasms.search(text):
        return 1
    elif pattern_digestive_system_diseases.search(text):
        return 2
    elif pattern_nervous_system_diseases.search(text):
        return 3
    elif pattern_cardiovascular_diseases.search(text):
        return 4
    else:
        return -1
