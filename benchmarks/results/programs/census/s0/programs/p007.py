def label_income(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']
    
    # If any of the following conditions are met, return >50K
    if age >= 46 or hr_per_week >= 35 or capital_gain != 0 or capital_loss != 0:
        return 1
    
    # Otherwise, return <=50K
    return 0
