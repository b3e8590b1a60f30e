def label_abstract(text: str) -> int:
    text = text.lower().strip()
    
    # Try to match against disease categories
    if 'malignant' in text and 'leukemia' in text:
        return 1  # neoplasms
    
    elif 'stomach' in text or 'liver' in text or 'bowel' in text or 'pancreas' in text or 'colon' in text:
        return 2  # digestive system diseases
    
    elif 'brain' in text or 'nerves' in text or 'epilepsy' in text or 'stroke' in text or 'dementia' in text:
        return 3  # nervous system diseases
    
    elif 'heart' in text or 'arteries' in text or 'blood pressure' in text or 'cardiac' in text:
        return 4  # cardiovascular diseases
    
    else:
        return -1  # general pathological conditions
