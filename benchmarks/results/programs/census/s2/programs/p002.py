def label_income(row: dict) -> int:
    age = row.get('age', 0)
    hr_per_week = row.get('hr_per_week', 0)

    if age >= 35 and hr_per_week <= 40:
        return 1

    return -1
