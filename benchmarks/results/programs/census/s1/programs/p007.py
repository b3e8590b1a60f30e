def label_income(row: dict) -> int:
    hr_per_week = row['hr_per_week']
    
    if hr_per_week >= 40:
        return 1
    else:
        return -1
