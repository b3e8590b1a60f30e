class_id_map = {
    'cancers': {'cancer', 'tumor', 'carcinoma', 'lymphoma', 'metastasis'},
    'digestive system diseases': {'stomach', 'liver', 'bowel', 'pancreas', 'colon'},
    'nervous system diseases': {'brain', 'nerves', 'epilepsy', 'stroke', 'dementia'},
    'cardiovascular diseases': {'heart', 'arrows', 'blood pressure', 'cardiac'},
    'general pathological conditions': set()
}


def label_abstract(text: str) -> int:
    text = text.lower()
    
    for category, keywords in class_id_map.items():
        if any(keyword in text for keyword in keywords):
            return class_id_map[category].index(category)
    
    return -1  # abstain
