import re


def label_abstract(text: str) -> int:
    if re.search(r'cancer', text, re.IGNORECASE):
        return 1
    elif re.search(r'steroid use', text, re.IGNORECASE):
        return 2
    elif re.search(r'metastasis', text, re.IGNORECASE):
        return 3
    elif re.search(r'heart', text, re.IGNORECASE):
        return 4
    elif re.search(r'vulva', text, re.IGNORECASE):
        return 5
    else:
        return -1
