import re


def label_abstract(text: str) -> int:
    if re.search(r'\b(neoplasms|cancer|tumor|carcinoma|lymphoma|metastasis)\b', text, re.IGNORECASE):
        return 1
    elif re.search(r'\b(digestive system diseases|stomach|liver|bowel|pancreas|colon)\b', text, re.IGNORECASE):
        return 2
    elif re.search(r'\b(nervous system diseases|brain|nerves|epilepsy|stroke|dementia)\b', text, re.IGNORECASE):
        return 3
    elif re.search(r'\b(cardiovascular diseases|heart|arrows|blood pressure|cardiac)\b', text, re.IGNORECASE):
        return 4
    else:
        return -1
