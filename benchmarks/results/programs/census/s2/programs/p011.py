def label_income(row: dict) -> int:
    age = row.get('age', -1)
    hr_per_week = row.get('hr_per_week', -1)

    if age < 25 and hr_per_week > 40:
        return 1

    if age >= 30 and hr_per_week <= 30:
        return 1

    if age >= 55 and hr_per_week <= 40:
        return 1

    return -1
