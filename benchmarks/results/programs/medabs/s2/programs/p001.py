import re


class_id_mapping = {
    'cancer': 1,
    'tumor': 1,
    'carcinoma': 1,
    'lymphoma': 1,
    'metastasis': 1,
    'stomach': 2,
    'liver': 2,
    'bowel': 2,
    'pancreas': 2,
    'colon': 2,
    'brain': 3,
    'nerves': 3,
    'epilepsy': 3,
    'stroke': 3,
    'dementia': 3,
    'heart': 4,
    ' arteries': 4,
    'blood pressure': 4,
    'cardiac': 4,
}


def label_abstract(text: str) -> int:
    for category, class_id in class_id_mapping.items():
        if re.search(category.lower(), text.lower()):
            return class_id
    return -1
