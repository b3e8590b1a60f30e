import re


def label_abstract(text: str) -> int:
    class_ids = {
        'neoplasms': ['Cancer', 'Tumor', 'Carcinoma', 'Lymphoma', 'Metastasis'],
        'digestive system diseases': ['Stomach', 'Liver', 'Bowel', 'Pancreas', 'Colon'],
        'nervous system diseases': ['Brain', 'Nerves', 'Epilepsy', 'Stroke', 'Dementia'],
        'cardiovascular diseases': ['Heart', 'Arteries', 'Blood pressure', 'Cardiac'],
        'general pathological conditions': []
    }

    for category, classes in class_ids.items():
        if any(re.search(cls.lower(), text.lower()) for cls in classes):
            return category

    return -1
