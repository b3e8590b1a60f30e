def label_income(row: dict) -> int:
    if row['hr_per_week'] > 50:
        return 1
    return -1
