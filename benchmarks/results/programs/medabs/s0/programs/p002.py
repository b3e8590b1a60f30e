import re


def label_abstract(text: str) -> int:
    # Regular expression for neoplasms (cancer, tumor, carcinoma, lymphoma, metastasis)
    if re.search(r'\b(cancer|tumor|carcinoma|lymphoma|metastasis)\b', text):
        return 1
    
    # Regular expression for digestive system diseases (stomach, liver, bowel, pancreas, colon)
    if re.search(r'\b(stomach|liver|bowel|pancreas|colon)\b', text):
        return 2
    
    # Regular expression for nervous system diseases (brain, nerves, epilepsy, stroke, dementia)
    if re.search(r'\b(brain|nerves|epilepsy|stroke|dementia)\b', text):
        return 3
    
    # Regular expression for cardiovascular diseases (heart, arteries, blood pressure, cardiac)
    if re.search(r'\b(heart|arrows|blood pressure|cardiac)\b', text):
        return 4
    
    # Regular expression for general pathological conditions (anything not in the other four)
    if re.search(r'\b(?!\b(cancer|tumor|carcinoma|lymphoma|metastasis|stomach|liver|bowel|pancreas|colon|brain|nerves|epilepsy|stroke|dementia)\b)', text):
        return 5
    
    # If no clear evidence is found, abstain (return -1)
    return -1
