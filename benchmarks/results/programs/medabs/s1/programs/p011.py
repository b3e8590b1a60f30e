import re


neoplasms = [
    "cancer", "tumor", "carcinoma", "lymphoma", "metastasis"
]


digestive_system_diseases = [
    "stomach", "liver", "bowel", "pancreas", "colon"
]


nervous_system_diseases = [
    "brain", " nerves", "epilepsy", "stroke", "dementia"
]


cardiovascular_diseases = [
    "heart", " arteries", "blood pressure", "cardiac"
]


def label_abstract(text: str) -> int:
    text = text.lower()
    
    # Check for keywords/phrases in each category
    if any(re.search(keyword, text) for keyword in neoplasms):
        return 1
    elif any(re.search(keyword, text) for keyword in digestive_system_diseases):
        return 2
    elif any(re.search(keyword, text) for keyword in nervous_system_diseases):
        return 3
    elif any(re.search(keyword, text) for keyword in cardiovascular_diseases):
        return 4
    else:
        return -1
