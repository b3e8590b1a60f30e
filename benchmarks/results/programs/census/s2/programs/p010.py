def label_income(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']

    if age <= 30 and hr_per_week >= 40:
        return 1
    elif age > 50 and hr_per_week >= 40:
        return 1
    else:
        return 0
