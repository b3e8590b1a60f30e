import re


def label_abstract(text: str) -> int:
    classes = {
        'neoplasms': [
            r'\b(meningioma|carcinoma|lymphoma|mastectomy)\b',  # Meningiomas, carcinomas, lymphomas, and mastectomies
            r'\b(breast cancer|pancreatic cancer|colon cancer)\b'   # Breast cancer, pancreatic cancer, colon cancer
        ],
        'digestive system diseases': [
            r'\b(stomach|liver|bowel|pancreas|colon)\b',  # Stomachs, liver, bowels, pancreases, and colons
            r'\b(bowel cancer|cancer of the large intestine)\b'   # Bowel cancers (including colorectal cancer)
        ],
        'nervous system diseases': [
            r'\b(brain|neurons|epilepsy|stroke|dementia)\b',  # Brains, neurons, epilepsy, strokes, and dementia
            r'\b(cerebral aneurysm|brain tumour)\b'          # Cerebral aneurysms and brain tumors
        ],
        'cardiovascular diseases': [
            r'\b(heart|blood pressure|coronary artery disease)\b',  # Hearts, blood pressure, coronary artery diseases
            r'\b(cardiac arrest|heart failure)\b'              # Cardiac arrests and heart failure
        ],
        'general pathological conditions': [
            r'\b(malignant tumor|anomalies|abnormalities|disorders)\b',   # Malignant tumors, anomalies, abnormalities, and disorders
            r'\b(poor blood supply|vascular disease)\b'           # Poor blood supply and vascular diseases
        ]
    }
    
    for class_id, patterns in classes.items():
        for pattern in patterns:
            if re.search(pattern, text):
                return class_id
    
    return -1  # Abstain
