import re


def label_abstract(text: str) -> int:
    pattern = r'neoplasms|cancer|tumor|carcinoma|lymphoma|metastasis|stomach|liver|bowel|pancreas|colon|brain|nerves|epilepsy|stroke|dementia|heart|arrows|blood pressure|cardiac'
    if re.search(pattern, text):
        return 1
    pattern = r'stomach|liver|bowel|pancreas|colon'
    if re.search(pattern, text):
        return 2
    pattern = r'brain|nerves|epilepsy|stroke|dementia'
    if re.search(pattern, text):
        return 3
    pattern = r'heart|arrows|blood pressure|cardiac'
    if re.search(pattern, text):
        return 4
    # No clear evidence, abstain
    return -1
