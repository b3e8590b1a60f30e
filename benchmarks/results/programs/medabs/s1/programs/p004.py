def label_abstract(text: str) -> int:
    # Check for neoplasms
    if "cancer" in text or "tumor" in text or "carcinoma" in text or "lymphoma" in text or "metastasis" in text:
        return 1
    
    # Check for digestive system diseases
    if "stomach" in text or "liver" in text or "bowel" in text or "pancreas" in text or "colon" in text:
        return 2
    
    # Check for nervous system diseases
    if "brain" in text or "nerves" in text or "epilepsy" in text or "stroke" in text or "dementia" in text:
        return 3
    
    # Check for cardiovascular diseases
    if "heart" in text or "arrows" in text or "blood pressure" in text or "cardiac" in text:
        return 4
    
    # General pathological conditions
    else:
        return -1
