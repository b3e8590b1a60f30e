def label_abstract(text: str) -> int:
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
        "heart", "arteries", "blood pressure", "cardiac"
    ]
    
    # Add specific words and patterns to improve precision
    specific_words = [
        "cancer",
        "tumor",
        "carcinoma",
        "lymphoma",
        "metastasis",
        "stomach",
        "liver",
        "bowel",
        "pancreas",
        "colon",
        "brain",
        "nerves",
        "epilepsy",
        "stroke",
        "dementia",
        "heart",
        "arteries",
        "blood pressure",
        "cardiac"
    ]
    
    keywords_general_pathological_conditions = [
        *keywords_neoplasms,
        *keywords_digestive_system_diseases,
        *keywords_nervous_system_diseases,
        *keywords_cardiovascular_diseases,
        *specific_words
    ]
    
    if any(keyword.lower() in text.lower() for keyword in keywords_neoplasms):
        return 1
    
    elif any(keyword.lower() in text.lower() for keyword in keywords_digestive_system_diseases):
        return 2
    
    elif any(keyword.lower() in text.lower() for keyword in keywords_nervous_system_diseases):
        return 3
    
    elif any(keyword.lower() in text.lower() for keyword in keywords_cardiovascular_diseases):
        return 4
    
    else:
        # Return -1 if the evidence is weak
        return -1
