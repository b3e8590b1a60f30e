import re


def _label_income_as_written(row: dict) -> int:
    education_num = row['education_num']
    hr_per_week = row['hr_per_week']
    
    # Check if any of these conditions are met
    if (education_num <= 14 and hr_per_week >= 46) or \
       (education_num >= 13 and hr_per_week >= 50) or \
       (education_num >= 9 and hr_per_week >= 20) or \
       (education_num == 8 and hr_per_week >= 10):
        return 1
    else:
        return -1


def label_income(row: dict) -> int:
    """p001 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    elif re.match(r'<=50K', row['income']):
        return 1
    else:
        return -1
