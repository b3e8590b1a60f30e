def _label_income_as_written(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']

    if age <= 30 and hr_per_week < 45:
        return 1
    elif age > 30 and hr_per_week >= 45:
        return 0
    else:
        return -1


def label_income(row: dict) -> int:
    """p005 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
