def label_income(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']

    if age <= 30 and hr_per_week < 45:
        return 1
    elif age > 30 and hr_per_week >= 45:
        return 0
    else:
        return -1
