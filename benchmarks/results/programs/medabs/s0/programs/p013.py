digestive_system_diseases = ['stomach', ' liver', 'bowel', 'pancreas', 'colon']


nervous_system_diseases = ['brain', 'nerves', 'epilepsy', 'stroke', 'dementia']


cardiovascular_diseases = ['heart', ' arteries', 'blood pressure', 'cardiac']


def label_abstract(text: str) -> int:
    text = text.lower()
    
    # Check for specific keywords and patterns
    if "cancer" in text or "tumor" in text:
        return 1  # neoplasms
    
    elif any(keyword in text for keyword in digestive_system_diseases):
        return 2  # digestive system diseases
    
    elif any(keyword in text for keyword in nervous_system_diseases):
        return 3  # nervous system diseases
    
    elif any(keyword in text for keyword in cardiovascular_diseases):
        return 4  # cardiovascular diseases
    
    elif "weak" in text or "abstain" in text:
        return -1  # abstain
    
    else:
        return -1
