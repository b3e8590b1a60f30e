import re


def label_abstract(text: str) -> int:
    text = text.lower()
    
    # Try to match against medical terms
    if re.search(r'molecular biology', text):
        return 1
    if re.search(r'acute myeloid leukemia', text):
        return 1
    if re.search(r'proto-oncogene expression and function in normal and neoplastic myeloid cells', text):
        return 1
    if re.search(r'suppressor gene', text):
        return 1
    
    # Try to match against digestive system diseases
    if re.search(r'stomach', text):
        return 2
    if re.search(r' liver', text):
        return 2
    if re.search(r'bowel', text):
        return 2
    if re.search(r'pancreas', text):
        return 2
    if re.search(r'colon', text):
        return 2
    
    # Try to match against nervous system diseases
    if re.search(r'brain', text):
        return 3
    if re.search(r'nerves', text):
        return 3
    if re.search(r'epilepsy', text):
        return 3
    if re.search(r'stroke', text):
        return 3
    if re.search(r'dementia', text):
        return 3
    
    # Try to match against cardiovascular diseases
    if re.search(r'heart', text):
        return 4
    if re.search(r'arrows', text):
        return 4
    if re.search(r'blood pressure', text):
        return 4
    if re.search(r'cardiac', text):
        return 4
    
    # Return -1 if no clear evidence
    return -1
