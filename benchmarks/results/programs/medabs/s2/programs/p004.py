import re


def label_abstract(text: str) -> int:
    class_ids = {
        'neoplasms': ['cancer', 'tumor', 'carcinoma', 'lymphoma', 'metastasis'],
        'digestive system diseases': ['stomach', ' liver', 'bowel', 'pancreas', 'colon'],
        'nervous system diseases': ['brain', 'nerves', 'epilepsy', 'stroke', 'dementia'],
        'cardiovascular diseases': ['heart', 'arrows', 'blood pressure', 'cardiac'],
        'general pathological conditions': []
    }
    
    for disease_type, words in class_ids.items():
        if any(re.search(r'\b' + word.lower() + r'\b', text.lower()) for word in words):
            return class_ids[disease_type][0]
    
    return -1
