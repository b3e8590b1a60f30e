import re


neoplasms = [
    "cancer", "tumor", "carcinoma", "lymphoma", "metastasis"
]


digestive_system_diseases = [
    "stomach", "liver", "bowel", "pancreas", "colon"
]


nervous_system_diseases = [
    "brain", "nerves", "epilepsy", "stroke", "dementia"
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
        # Additional specific patterns to improve classification
        if "neoplasm" in text or "tumor" in text:
            return 1
        elif "stomach" in text or "liver" in text or "bowel" in text or "pancreas" in text or "colon" in text:
            return 2
        elif "brain" in text or "nerves" in text or "epilepsy" in text or "stroke" in text or "dementia" in text:
            return 3
        elif "heart" in text or "arteries" in text or "blood pressure" in text or "cardiac" in text:
            return 4
        else:
            return -1
