def _label_income_as_written(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']
    
    # If any of the following conditions are met, return >50K
    if age >= 46 or hr_per_week >= 35 or capital_gain != 0 or capital_loss != 0:
        return 1
    
    # Otherwise, return <=50K
    return 0


def label_income(row: dict) -> int:
    """p007 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
