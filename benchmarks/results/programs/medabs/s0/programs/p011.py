keywords_neoplasms = [
    "cancer", "tumor", "carcinoma", "lymphoma", "metastasis"
]


keywords_digestive_system_diseases = [
    "stomach", "liver", "bowel", "pancreas", "colon"
]


keywords_nervous_system_diseases = [
    "brain", "nerves", "epilepsy", "stroke", "dementia"
]


keywords_cardiovascular_diseases = [
    "heart", "arrows", "blood pressure", "cardiac"
]


def label_abstract(text: str) -> int:
    lower_text = text.lower()
    
    for keyword in keywords_neoplasms:
        if keyword in lower_text:
            return 1
    
    for keyword in keywords_digestive_system_diseases:
        if keyword in lower_text:
            return 2
    
    for keyword in keywords_nervous_system_diseases:
        if keyword in lower_text:
            return 3
    
    for keyword in keywords_cardiovascular_diseases:
        if keyword in lower_text:
            return 4
    
    # Check if none of the above conditions are met
    return -1
