import re


class_ids = {
    'neoplasms': [
        r'Cancer', r'tumor', r'carcinoma', r'lymphoma', r'metastasis'
    ],
    'digestive system diseases': [
        r'stomach', r'liver', r'bowel', r'pancreas', r'colon'
    ],
    'nervous system diseases': [
        r'brain', r'nerves', r'épilepsy', r'stroke', r'dementia'
    ],
    'cardiovascular diseases': [
        r'heart', r'arteries', r'blood pressure', r'cardiac'
    ],
    'general pathological conditions': [
        # Add more here
    ]
}


def label_abstract(text: str) -> int:
    for category, patterns in class_ids.items():
        if any(re.search(pattern, text) for pattern in patterns):
            return class_ids[category][0]
    return -1  # abstain
