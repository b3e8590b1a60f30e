import re


class_id_map = {
    "cancer": 1,
    "tumor": 1,
    "carcinoma": 1,
    "lymphoma": 1,
    "metastasis": 1,
    "stomach": 2,
    "liver": 2,
    "bowel": 2,
    "pancreas": 2,
    "colon": 2,
    "brain": 3,
    "nerves": 3,
    "epilepsy": 3,
    "stroke": 3,
    "dementia": 3,
    "heart": 4,
    "arrows": 4,
    "blood pressure": 4,
    "cardiac": 4,
}


def label_abstract(text: str) -> int:
    text = text.lower()
    
    # Check for specific words related to neoplasms
    if re.search(r'cancer|tumor|carcinoma|lymphoma|metastasis', text):
        return class_id_map["neoplasms"]
    
    # Check for specific words related to digestive system diseases
    elif re.search(r'stomach|liver|bowel|pancreas|colon', text):
        return class_id_map["digestive system diseases"]
    
    # Check for specific words related to nervous system diseases
    elif re.search(r'brain|nerves|epilepsy|stroke|dementia', text):
        return class_id_map["nervous system diseases"]
    
    # Check for specific words related to cardiovascular diseases
    elif re.search(r'heart|arrows|blood pressure|cardiac', text):
        return class_id_map["cardiovascular diseases"]
    
    # If none of the above conditions are met, abstain
    else:
        return -1
