class_ids = {
    'neoplasms': ['cancer', 'tumor', 'carcinoma', 'lymphoma', 'metastasis'],
    'digestive system diseases': ['stomach', 'liver', 'bowel', 'pancreas', 'colon'],
    'nervous system diseases': ['brain', 'nerves', 'epilepsy', 'stroke', 'dementia'],
    'cardiovascular diseases': ['heart', ' arteries', 'blood pressure', 'cardiac'],
    'general pathological conditions': []
}


def label_abstract(text: str) -> int:
    for disease in class_ids.values():
        if any(word.lower() in text.lower() for word in disease):
            return list(class_ids.keys()).index(disease)
    return -1
