def _label_income_as_written(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']

    if age > 60 or hr_per_week < 40:
        return 1  # >50K

    # Check for high capital gain
    if row['capital_gain'] > 20000:
        return 1

    # Check for high education level
    if row['education_num'] > 16:
        return 1

    # Check for highly paid jobs
    if row['type_employer'] == 'Self-emp-inc':
        return 1

    # Check for well-educated married couples
    if row['marital'] == 'Married-civ-spouse' and row['education_num'] > 13:
        return 1

    # No clear evidence, abstain
    return -1


def label_income(row: dict) -> int:
    """p005 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
