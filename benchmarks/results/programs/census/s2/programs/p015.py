def _label_income_as_written(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']
    
    if age < 30 and hr_per_week > 45:
        return 1  # This is a heuristic based on common knowledge about income levels
    else:
        return -1  # Abstain when no clear evidence can be made


def label_income(row: dict) -> int:
    """p009 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
