import re


def label_abstract(text: str) -> int:
    classes = {
        'neoplasms': [r'squamous cell carcinoma', r'lymphoma', r'metastasis'],
        'digestive system diseases': [r'stomach', r'liver', r'bowel', r'pancreas', r'colon'],
        'nervous system diseases': [r'brain', r'nerves', r'epilepsy', r'stroke', r'dementia'],
        'cardiovascular diseases': [r'heart', r'arteries', r'blood pressure', r'cardiac']
    }
    
    for cls, patterns in classes.items():
        for pattern in patterns:
            if re.search(pattern, text, re.IGNORECASE):
                return classes.index(cls) + 1
    
    return -1
