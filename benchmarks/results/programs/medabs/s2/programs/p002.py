def label_abstract(text: str) -> int:
    keywords = {
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
        'arrows': 4,
        'blood pressure': 4,
        'cardiac': 4,
        'neoplasms': 1,
        'digestive system diseases': 2,
        'nervous system diseases': 3,
        'cardiovascular diseases': 4,
        'general pathological conditions': 5
    }
    for word in text.lower().split():
        if word in keywords:
            return keywords[word]
    return -1
