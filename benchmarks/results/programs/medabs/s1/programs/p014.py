import re


def label_abstract(text: str) -> int:
    patterns = [
        r'cancer|tumor',
        r'stomach|liver|pancreas|colon',  # Digestive system diseases
        r'brain|nerves|epilepsy|stroke|dementia',  # Nervous system diseases
        r'heart| arteries|blood pressure|cardiac',  # Cardiovascular diseases
    ]
    
    for pattern in patterns:
        if re.search(pattern, text.lower()):
            return int(patterns.index(pattern) + 1)
    
    return -1
