import re


def _label_income_as_written(row: dict) -> int:
    capital = row.get('capital_gain', 0)
    if capital > 50000:
        return 1
    age = row['age']
    if age >= 65:
        return 1
    education = row['education']
    if re.match(r'HS-grad|Bachelors|Master|Doctorate', education):
        return 1
    hr_per_week = row.get('hr_per_week', 0)
    if hr_per_week >= 40:
        return 1
    return -1


def label_income(row: dict) -> int:
    """p011 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
