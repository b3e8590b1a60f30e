import re


neoplasms = [
    "cancer", "tumor", "carcinoma", "lymphoma", "metastasis",
]


digestive_system_diseases = [
    "stomach", "liver", "bowel", "pancreas", "colon",
]


nervous_system_diseases = [
    "brain", "nerves", "epilepsy", "stroke", "dementia",
]


cardiovascular_diseases = [
    "heart", "arrows", "blood pressure", "cardiac",
]


def label_abstract(text: str) -> int:
    # Convert text to lower case for case-insensitive matching
    text = text.lower()
    
    # Check each disease category for keywords or phrases in the text
    if any(re.search(keyword, text) for keyword in neoplasms):
        return 1
    
    elif any(re.search(keyword, text) for keyword in digestive_system_diseases):
        return 2
    
    elif any(re.search(keyword, text) for keyword in nervous_system_diseases):
        return 3
    
    elif any(re.search(keyword, text) for keyword in cardiovascular_diseases):
        return 4
    
    # If no clear evidence of a disease category is found, abstain
    else:
        return -1
