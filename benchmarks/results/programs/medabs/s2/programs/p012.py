import re


def label_abstract(text: str) -> int:
    patterns = [
        r'\b(neoplasms|cancer|tumor|carcinoma|lymphoma|metastasis)\b',  # Neoplastic diseases
        r'\b(digestive system diseases|stomach|liver|bowel|pancreas|colon)\b',  # Digestive system diseases
        r'\b(nervous system diseases|brain|nerves|epilepsy|stroke|dementia)\b',  # Nervous system diseases
        r'\b(cardiovascular diseases|heart|arrows|blood pressure|cardiac)\b',  # Cardiovascular diseases
        r'\b(mild neurological symptoms|visual disturbances|muscular weakness|sudden death|paralysis)\b',  # Mild neurological symptoms or signs
        r'\b(palpitations|shortness of breath|chest pain|heart palpitations)\b',  # Chest symptoms or signs
        r'\b(weakness in limbs|leg cramps|fever|chills|shivering)\b',  # Muscle symptoms or signs
        r'\b(bone fracture|joint pain|arthritis|deformity|dislocation)\b',  # Joint symptoms or signs
        r'\b(fatigue|tiredness|loss of appetite|dizziness)\b',  # General symptoms or signs
    ]
    
    for pattern in patterns:
        if re.search(pattern, text, re.IGNORECASE):
            return 1

    patterns = [
        r'\b(hypertension|high blood pressure|heart failure)\b',
        r'\b(copd|chronic obstructive pulmonary disease|emphysema|bronchitis|lung cancer)\b',
        r'\b(pulmonary edema|pneumonia|respiratory distress|cough)\b',
        r'\b(influenza|flu|common cold)\b',
        r'\b(stroke|hemorrhage|brain damage|cerebral infarction)\b',
        r'\b(fatigue or weakness in the extremities|palpitations on the upper limbs|shaking of hands or feet)\b',
        r'\b(heart palpitations|chest pain|shortness of breath|dizziness|nausea or vomiting)\b',
    ]
    return -1
