import re


neoplasms_keywords = [
    'cancer', 'tumor', 'carcinoma', 'lymphoma', 'metastasis'
]


digestive_system_keywords = [
    'stomach', 'liver', 'bowel', 'pancreas', 'colon'
]


nervous_system_keywords = [
    'brain', 'nerves', 'epilepsy', 'stroke', 'dementia'
]


cardiovascular_diseases_keywords = [
    'heart', 'arrows', 'blood pressure', 'cardiac'
]


def label_abstract(text: str) -> int:
    text = text.lower()
    
    # Check if the text contains any keywords from any category
    if any(re.search(keyword, text) for keyword in neoplasms_keywords):
        return 1
    
    elif any(re.search(keyword, text) for keyword in digestive_system_keywords):
        return 2
    
    elif any(re.search(keyword, text) for keyword in nervous_system_keywords):
        return 3
    
    elif any(re.search(keyword, text) for keyword in cardiovascular_diseases_keywords):
        return 4
    
    # Check if the text contains any common phrase from any category
    for keyword_list in [neoplasms_keywords, digestive_system_keywords, nervous_system_keywords, cardiovascular_diseases_keywords]:
        for keyword in keyword_list:
            if re.search(keyword + 's', text) or re.search(keyword, text):
                return 5
    
    # If no clear evidence, abstain
    return -1
