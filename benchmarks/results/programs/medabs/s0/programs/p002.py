def label_abstract(text: str) -> int:
    keywords_neoplasms = ["cancer", "tumor", "carcinoma", "lymphoma", "metastasis"]
    keywords_digestive_system_diseases = [
        "stomach", "liver", "bowel", "pancreas", "colon"
    ]
    keywords_nervous_system_diseases = ["brain", "nerves", "epilepsy", "stroke", "dementia"]
    keywords_cardiovascular_diseases = ["heart", " arteries", "blood pressure", "cardiac"]
    
    text = text.lower()
    for keyword in keywords_neoplasms:
        if keyword in text:
            return 1
    for keyword in keywords_digestive_system_diseases:
        if keyword in text:
            return 2
    for keyword in keywords_nervous_system_diseases:
        if keyword in text:
            return 3
    for keyword in keywords_cardiovascular_diseases:
        if keyword in text:
            return 4
    
    # If none of the above conditions are met, abstain
    return -1
