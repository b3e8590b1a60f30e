def _label_income_as_written(row: dict) -> int:
    # Check if the income is greater than 50K
    if row['annual_inc'] > 50000:
        return 1
    else:
        return -1


def label_income(row: dict) -> int:
    """Corrects the previous function to handle the input correctly."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 1 else 0
