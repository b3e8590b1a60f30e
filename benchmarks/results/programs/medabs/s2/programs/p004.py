def label_abstract(text: str) -> int:
    diseases = {
        "cancer": ["cancer", "tumor", "carcinoma", "lymphoma", "metastasis"],
        "stomach": ["stomach", "gastrointestinal", "hepatitis", "biliary"],
        "liver": ["liver", "gastrointestinal", "hepatitis", "biliary"],
        "bowel": ["bowel", "gastrointestinal", "hepatitis", "biliary"],
        "pancreas": ["pancreas", "endocrine"],
        "colon": ["colon", "gastrointestinal", "hepatitis", "biliary"],
        "brain": ["brain", "neurological", "cerebral"],
        "nerves": ["nerves", "neurological", "cerebral"],
        "epilepsy": ["epilepsy", "neurological", "cerebral"],
        "stroke": ["stroke", "neurological", "cerebral"],
        "dementia": ["dementia", "neurological", "cerebral"],
        "heart": ["heart", "cardiac", "blood pressure"],
        "arrows": ["arteries", "vascular", "blood pressure"],
        "blood pressure": ["blood pressure", "vascular", "blood pressure"],
        "cardiac": ["heart", "cardiac", "blood pressure"]
    }
    
    for category, keywords in diseases.items():
        if any(word.lower() in text.lower() for word in keywords):
            return category
    return -1  # abstain when no clear evidence
