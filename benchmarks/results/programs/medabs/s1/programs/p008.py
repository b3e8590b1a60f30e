keywords_neoplasms = {
    "cancer", "tumor", "carcinoma", "lymphoma", "metastasis"
}


keywords_digestive_system_diseases = {
    "stomach", "liver", "bowel", "pancreas", "colon"
}


keywords_nervous_system_diseases = {
    "brain", "nerves", "epilepsy", "stroke", "dementia"
}


keywords_cardiovascular_diseases = {
    "heart", "arrows", "blood pressure", "cardiac"
}


keywords_general_pathological_conditions = {
    # Add more general terms here
}


def label_abstract(text: str) -> int:
    for disease_category, keywords in {
        "neoplasms": keywords_neoplasms,
        "digestive system diseases": keywords_digestive_system_diseases,
        "nervous system diseases": keywords_nervous_system_diseases,
        "cardiovascular diseases": keywords_cardiovascular_diseases,
        "general pathological conditions": keywords_general_pathological_conditions
    }.items():
        if any(keyword in text.lower() for keyword in keywords):
            return disease_category

    return -1
