import re


def label_abstract(text: str) -> int:
    disease_classes = {
        'neoplasms': [r'cancer', r'tumor', r'carcinoma', r'lymphoma', r'metastasis'],
        'digestive system diseases': [
            r'stomach', r'liver', r'bowel', r'pancreas', r'colon'
        ],
        'nervous system diseases': [
            r'brain', r'nerves', r'épilepsy', r'stroke', r'dementia'
        ],
        'cardiovascular diseases': [r'heart', r'arrows', r'blood pressure', r'cardiac'],
        'general pathological conditions': [
            # Add more patterns here as needed
        ]
    }

    for category, patterns in disease_classes.items():
        for pattern in patterns:
            if re.search(pattern, text, re.IGNORECASE):
                return category

    return -1  # Abstain when no clear evidence is found
