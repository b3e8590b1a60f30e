def label_income(row: dict) -> int:
    age = row.get('age')
    hr_per_week = row.get('hr_per_week')

    if age < 25 and hr_per_week > 40:
        return 1
    elif age > 50 and hr_per_week < 30:
        return 1

    return -1
