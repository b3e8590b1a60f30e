import re


class_ids = {
    'neoplasms': ['cancer', 'tumor', 'carcinoma', 'lymphoma', 'metastasis'],
    'digestive system diseases': ['stomach', 'liver', 'bowel', 'pancreas', 'colon'],
    'nervous system diseases': ['brain', 'nerves', 'epilepsy', 'stroke', 'dementia'],
    'cardiovascular diseases': ['heart', 'arrows', 'blood pressure', 'cardiac'],
    'general pathological conditions': ['anything not in the other four']
}


def label_abstract(text: str) -> int:
    for disease_category, keywords in class_ids.items():
        if any(re.search(keyword, text.lower()) for keyword in keywords):
            return class_ids[disease_category]
    
    return -1
