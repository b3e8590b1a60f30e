import re


def label_abstract(text: str) -> int:
    classes = {
        "neoplasms": [
            r"\b cancer\b", r"\b tumor\b", r"\b carcinoma\b",
            r"\b lymphoma\b", r"\b metastasis\b"
        ],
        "digestive system diseases": [
            r"\b stomach\b", r"\b liver\b", r"\b bowel\b",
            r"\b pancreas\b", r"\b colon\b"
        ],
        "nervous system diseases": [
            r"\b brain\b", r"\b nerves\b", r"\b epilepsy\b",
            r"\b stroke\b", r"\b dementia\b"
        ],
        "cardiovascular diseases": [
            r"\b heart\b", r"\b arteries\b", r"\b blood pressure\b",
            r"\b cardiac\b"
        ],
        "general pathological conditions": [
            # Add more general phrases here
        ]
    }

    for category, patterns in classes.items():
        if any(re.search(pattern, text) for pattern in patterns):
            return classes[category][0]

    return -1
