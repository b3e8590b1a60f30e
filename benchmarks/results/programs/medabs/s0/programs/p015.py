import re


def label_abstract(text: str) -> int:
    keywords_neoplasms = ["cancer", "tumor", "carcinoma", "lymphoma", "metastasis"]
    keywords_digestive_system_diseases = [
        "stomach", "liver", "bowel", "pancreas", "colon"
    ]
    keywords_nervous_system_diseases = ["brain", "nerves", "epilepsy", "stroke", "dementia"]
    keywords_cardiovascular_diseases = ["heart", " arteries", "blood pressure", "cardiac"]
    
    text = text.lower()
    
    # Search for specific patterns in the text
    if re.search(r'neoplasms', text):
        return 1
    elif re.search(r'digestive system diseases', text):
        return 2
    elif re.search(r'nervous system diseases', text):
        return 3
    elif re.search(r'cardiovascular diseases', text):
        return 4
    
    # If none of the above conditions are met, abstain
    return -1
