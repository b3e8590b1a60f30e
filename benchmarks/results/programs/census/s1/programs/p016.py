def _label_income_as_written(row: dict) -> int:
    age = row['age']
    capital_gain = row['capital_gain']
    hr_per_week = row['hr_per_week']

    # Label <=50K based on capital gain and hours worked
    if capital_gain >= 1902 or hr_per_week >= 45:
        return 1

    # Label >50K based on age (over 49)
    elif age > 49:
        return 1

    # No clear evidence, abstain
    else:
        return -1


def label_income(row: dict) -> int:
    """p011 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
