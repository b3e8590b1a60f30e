import re


def label_income(row: dict) -> int:
    # Define patterns for each class
    pattern_le_50k = r"<=50K"
    pattern_gt_50k = r">50K"

    # Check if any of the patterns match in the text values
    for key, value in row.items():
        if re.search(pattern_le_50k, value) or re.search(pattern_gt_50k, value):
            return 1 if re.search(pattern_gt_50k, value) else 0

    # If no patterns match, abstain
    return -1
