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
        patterns = {
            "neoplasms": r"\b(cancer|tumor|carcinoma|lymphoma|metastasis)\b",
            "digestive system diseases": r"\b(stomach| liver|bowel|pancreas|colon)\b",
            "nervous system diseases": r"\b(brain|nerves|epilepsy|stroke|dementia)\b",
            "cardiovascular diseases": r"\b(heart| arteries|blood pressure|cardiac)\b",
            "general pathological conditions": r".+"
        }

        for pattern in patterns[category]:
            if re.search(pattern, text, re.IGNORECASE):
                return id

    return -1
