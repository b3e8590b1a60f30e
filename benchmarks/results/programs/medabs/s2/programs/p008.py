neoplasms = [
    "cancer", "tumor", "carcinoma", "lymphoma", "metastasis",
]


digestive_system_diseases = [
    "stomach", "liver", "bowel", "pancreas", "colon"
]


nervous_system_diseases = [
    "brain", "nerves", "epilepsy", "stroke", "dementia"
]


cardiovascular_diseases = [
    "heart", "arrows", "blood pressure", "cardiac",
]


def label_abstract(text: str) -> int:
    """
    Assign a medical abstract to the disease category it is mainly about.
    
    Parameters:
        text (str): The medical abstract text to be labeled.
        
    Returns:
        int: 1 = neoplasms, 2 = digestive system diseases, 3 = nervous system diseases,
             4 = cardiovascular diseases, 5 = general pathological conditions or -1 if abstains.
    """
    # Convert the text to lowercase for case-insensitive matching
    text = text.lower()
    
    # Check each category for keywords in the text
    if any(keyword in text for keyword in neoplasms):
        return 1
    elif any(keyword in text for keyword in digestive_system_diseases):
        return 2
    elif any(keyword in text for keyword in nervous_system_diseases):
        return 3
    elif any(keyword in text for keyword in cardiovascular_diseases):
        return 4
    else:
        return -1
