import re


def label_abstract(text: str) -> int:
    class_ids = {
        'neoplasms': [1],
        'digestive system diseases': [2],
        'nervous system diseases': [3],
        'cardiovascular diseases': [4],
        'general pathological conditions': [5]
    }

    # Check for neoplasms
    if re.search(r'\b(cancer|tumor|carcinoma|lymphoma|metastasis)\b', text):
        return class_ids['neoplasms'][0]

    # Check for digestive system diseases
    if re.search(r'\b(stomach| liver|bowel|pancreas|colon)\b', text):
        return class_ids['digestive system diseases'][0]

    # Check for nervous system diseases
    if re.search(r'\b(brain| nerves|epilepsy|stroke|dementia)\b', text):
        return class_ids['nervous system diseases'][0]

    # Check for cardiovascular diseases
    if re.search(r'\b(heart| arteries|blood pressure|cardiac)\b', text):
        return class_ids['cardiovascular diseases'][0]

    # Check for general pathological conditions
    if not any([re.search(regex, text) for regex in class_ids.values()]):
        return -1
    return -1
