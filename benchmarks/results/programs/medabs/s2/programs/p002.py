import re


class_ids = {
    'neoplasms': {'cancer', 'tumor', 'carcinoma', 'lymphoma', 'metastasis'},
    'digestive system diseases': {'stomach', 'liver', 'bowel', 'pancreas', 'colon'},
    'nervous system diseases': {'brain', ' nerves', 'epilepsy', 'stroke', 'dementia'},
    'cardiovascular diseases': {'heart', ' arteries', 'blood pressure', 'cardiac'},
    'general pathological conditions': set()
}


def label_abstract(text: str) -> int:
    text = text.lower()

    for disease, keywords in class_ids.items():
        if all(re.search(keyword, text) for keyword in keywords):
            return class_ids[disease]

    return -1
