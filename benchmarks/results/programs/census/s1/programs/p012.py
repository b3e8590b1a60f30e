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
    return 1 if vote == 0 else 0
