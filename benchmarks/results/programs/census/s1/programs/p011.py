def label_income(row: dict) -> int:
    age = row['age']
    capital_gain = row['capital_gain']
    hr_per_week = row['hr_per_week']

    if hr_per_week >= 40 and capital_gain > 20000:
        return 1
    elif age < 30 and capital_gain >= 50000:
        return 1
    else:
        return -1
