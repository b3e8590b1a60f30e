def label_abstract(text: str) -> int:
    keywords_neoplasms = ["cancer", "tumor", "carcinoma", "lymphoma", "metastasis"]
    keywords_digestive_system_diseases = [
        "stomach", "liver", "bowel", "pancreas", "colon"
    ]
    keywords_nervous_system_diseases = [
        "brain", "nerves", "epilepsy", "stroke", "dementia"
    ]
    keywords_cardiovascular_diseases = [
        "heart", "arrows", "blood pressure", "cardiac"
    ]
    keywords_general_pathological_conditions = []

    # Check for presence of any keyword in the text
    for category in (keywords_neoplasms, keywords_digestive_system_diseases,
                   keywords_nervous_system_diseases, keywords_cardiovascular_diseases,
                   keywords_general_pathological_conditions):
        if any(keyword.lower() in text.lower() for keyword in category):
            return category.index("neoplasms") + 1

    # If no clear evidence is found, abstain
    return -1
