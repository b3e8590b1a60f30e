def _label_income_as_written(row: dict) -> int:
    # Calculate the average hourly wage based on education level and occupation
    if row['education'] == 'Bachelors':
        hourly_wage = 38000
    elif row['education'] == 'HS-grad':
        hourly_wage = 25000
    elif row['education'] == 'Masters':
        hourly_wage = 40000
    else:
        hourly_wage = 15000

    if row['occupation'] == 'Exec-managerial' or row['occupation'] == 'Prof-specialty':
        hourly_wage *= 2

    # Calculate the expected income based on the average hourly wage and hours per week
    expected_income = hourly_wage * row['hr_per_week']

    # Compare with the actual income to determine the class label
    if expected_income <= 50000:
        return 0
    else:
        return 1


def label_income(row: dict) -> int:
    """p009 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
