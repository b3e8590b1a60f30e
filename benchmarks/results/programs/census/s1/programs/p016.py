import re


def _label_income_as_written(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']
    
    # Thresholds based on the given data
    if age <= 25 and hr_per_week >= 40:
        return 1  # >50K
    elif age <= 39 and hr_per_week >= 40:
        return 1  # >50K
    elif age <= 45 and hr_per_week >= 40:
        return 1  # >50K
    else:
        return -1  # abstain


def label_income(row: dict) -> int:
    """p004 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    
    # Add more specific patterns to look for
    patterns_to_check = [
        r"over\s+50000",
        r"over\s+\$50000",
        r"\b\w{2,}\s+above\s+50k\b",  # Word followed by "above"
        r"\b\w{2,}\s+above\s+\$50000\b",  # Word followed by "$50000"
    ]
    
    for pattern in patterns_to_check:
        if re.search(pattern, row['occupation']) is not None or re.search(pattern, row['education']) is not None:
            return 1
    
    return -1
