import re


class_ids = {
    'neoplasms': [
        'cancer', 'tumor', 'carcinoma', 'lymphoma', 'metastasis'
    ],
    'digestive system diseases': [
        'stomach', 'liver', 'bowel', 'pancreas', 'colon'
    ],
    'nervous system diseases': [
        'brain', 'nerves', 'epilepsy', 'stroke', 'dementia'
    ],
    'cardiovascular diseases': [
        'heart', 'arrows', 'blood pressure', 'cardiac'
    ],
    'general pathological conditions': [
        # Add any other general pathological conditions here
    ]
}


def label_abstract(text: str) -> int:
    for key, classes in class_ids.items():
        if any(re.search(pattern, text, re.IGNORECASE) for pattern in classes):
            return class_ids[key][0]
    return -1
