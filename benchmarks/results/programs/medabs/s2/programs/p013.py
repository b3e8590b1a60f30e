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
    
    # Check each category for specific keywords in the text
    if any(keyword in text for keyword in ["neoplasms", "carcinoma", "lymphoma", "metastasis"]):
        return 1
    
    elif any(keyword in text for keyword in ["stomach", "liver", "bowel", "pancreas", "colon"]):
        return 2
    
    elif any(keyword in text for keyword in ["brain", "nerves", "epilepsy", "stroke", "dementia"]):
        return 3
    
    elif any(keyword in text for keyword in ["heart", "arrows", "blood pressure", "cardiac"]):
        return 4
    
    else:
        return -1
