def label_abstract(text: str) -> int:
    neoplasms = [
        "cancer", "tumor", "carcinoma", "lymphoma", "metastasis"
    ]
    digestive_system_diseases = [
        "stomach", " liver", "bowel", "pancreas", "colon"
    ]
    nervous_system_diseases = [
        "brain", "nerves", "epilepsy", "stroke", "dementia"
    ]
    cardiovascular_diseases = [
        "heart", "arrows", "blood pressure", "cardiac"
    ]

    for class_name in [neoplasms, digestive_system_diseases, nervous_system_diseases, cardiovascular_diseases]:
        if any(word in text.lower() for word in class_name):
            return class_names.index(class_name) + 1
    return -1
