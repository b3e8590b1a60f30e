import re


def label_abstract(text: str) -> int:
    if any(re.search(r'cancer|tumor|carcinoma|lymphoma|metastasis', text, re.IGNORECASE)):
        return 1
    elif any(re.search(r'stomach| liver|bowel|pancreas|colon', text, re.IGNORECASE)):
        return 2
    elif any(re.search(r'brain|nerves|epilepsy|stroke|dementia', text, re.IGNORECASE)):
        return 3
    elif any(re.search(r'heart| arteries|blood pressure|cardiac', text, re.IGNORECASE)):
        return 4
    else:
        return -1
