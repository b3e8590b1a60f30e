import re


def label_income(row: dict) -> int:
    patterns = {
        r'<=50K': 0,
        r'>50K': 1
    }

    for pattern, class_id in patterns.items():
        if row.get('education_num', 0) >= 9 and re.search(r'\b' + pattern + r'\b', row['occupation']):
            return class_id

    # If no clear evidence can be found, abstain
    return -1
