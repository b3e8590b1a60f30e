def label_income(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']
    
    # Thresholds based on the given data
    if age <= 25 and hr_per_week >= 40:
        return 1  # >50K
    elif age <= 39 and hr_per_week >= 40:
        return 1  # >50K
    elif age <= 45 and hr_per_week >= 40:
        return 1  # >50K
    else:
        return -1  # abstain
