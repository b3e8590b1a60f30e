import re


def label_abstract(text: str) -> int:
    text = text.lower()
    
    # Search for neoplasms or cancer-related terms
    if re.search(r'cancer', text):
        return 1
    
    # Search for digestive system diseases related terms
    elif re.search(r'stomach|liver|bowel|pancreas|colon', text):
        return 2
    
    # Search for nervous system diseases related terms
    elif re.search(r'brain|nerves|epilepsy|stroke|dementia', text):
        return 3
    
    # Search for cardiovascular diseases related terms
    elif re.search(r'heart|arteries|blood pressure|cardiac', text):
        return 4
    
    else:
        return -1
