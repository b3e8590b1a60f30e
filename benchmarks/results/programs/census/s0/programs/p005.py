def label_income(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']
    
    if age > 50 or hr_per_week > 40:
        return 1  # >50K
    
    return 0  # <=50K
