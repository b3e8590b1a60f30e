def _label_income_as_written(row: dict) -> int:
    age = row.get('age', 0)
    hr_per_week = row.get('hr_per_week', 0)

    if age >= 35 and hr_per_week <= 40:
        return 1

    return -1


def label_income(row: dict) -> int:
    """p002 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
