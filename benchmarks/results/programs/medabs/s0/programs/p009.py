import re


def label_abstract(text: str) -> int:
    classes = {
        "neoplasms": [r"\b(cancer|tumor|carcinoma|lymphoma|metastasis)\b", r"Proto-oncogene expression and function in normal and neoplastic myeloid cells.", ],
        "digestive system diseases": [r"\b(stomach| liver|bowel|pancreas|colon)\b", ],
        "nervous system diseases": [r"\b(brain| nerves|epilepsy|stroke|dementia)\b", ],
        "cardiovascular diseases": [r"\b(heart| arteries|blood pressure|cardiac)\b", r"enhanced utilization of exogenous glucose improves cardiac function in hypoxic rabbit ventricle without increasing total glycolytic flux.", ],
        "general pathological conditions": [re.compile(r'.*', re.IGNORECASE), ]
    }
    
    for key, regexes in classes.items():
        if any(re.search(regex, text) for regex in regexes):
            return classes[key][0]
    
    return -1
