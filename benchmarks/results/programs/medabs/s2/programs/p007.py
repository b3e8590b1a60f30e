import re


class_ids = {
    "neoplasms": 1,
    "digestive system diseases": 2,
    "nervous system diseases": 3,
    "cardiovascular diseases": 4,
    "general pathological conditions": 5
}


def label_abstract(text: str) -> int:
    if not text.strip():
        return -1

    for category, id in class_ids.items():
        # Check for cancer or tumor keywords in the title
        if re.search(r'cancer|tumor', text, re.IGNORECASE):
            return id

        # Check for stomach, liver, bowel, pancreas, colon keywords in the title
        if re.search(r'stomach|liver|bowel|pancreas|colon', text, re.IGNORECASE):
            return id

        # Check for brain, nerves, epilepsy, stroke, dementia keywords in the title
        if re.search(r'brain|nerves|epilepsy|stroke|dementia', text, re.IGNORECASE):
            return id

        # Check for heart, arteries, blood pressure, cardiac keywords in the title
        if re.search(r'heart|arrows|blood pressure|cardiac', text, re.IGNORECASE):
            return id

    return -1
