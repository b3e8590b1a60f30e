def label_income(row: dict) -> int:
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
