def label_abstract(text: str) -> int:
    keywords = {
        'cancer': 1,
        'tumor': 1,
        'carcinoma': 1,
        'lymphoma': 1,
        'metastasis': 1,
        'stomach': 2,
        'liver': 2,
        'bowel': 2,
        'pancreas': 2,
        'colon': 2,
        'brain': 3,
        'nerves': 3,
        'epilepsy': 3,
        'stroke': 3,
        'dementia': 3,
        'heart': 4,
        'arrows': 4,
        'blood pressure': 4,
        'cardiac': 4,
        'neoplasms': 1,
        'digestive system diseases': 2,
        'nervous system diseases': 3,
        'cardiovascular diseases': 4,
        'general pathological conditions': 5
    }
    
    # Check for specific keywords related to digestive systems
    if 'stomach' in text.lower() or 'liver' in text.lower() or 'bowel' in text.lower():
        return 2
    
    # Check for specific keywords related to nervous systems
    elif 'brain' in text.lower() or 'nerves' in text.lower() or 'epilepsy' in text.lower() or 'stroke' in text.lower():
        return 3
    
    # Check for specific keywords related to cardiovascular systems
    elif 'heart' in text.lower() or 'arrows' in text.lower() or 'blood pressure' in text.lower() or 'cardiac' in text.lower():
        return 4
    
    # Return -1 if no specific keywords are found
    else:
        return -1
