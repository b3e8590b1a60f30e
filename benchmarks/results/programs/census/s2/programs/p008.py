def label_income(row: dict) -> int:
    age = row['age']
    capital_gain = row['capital_gain']
    hr_per_week = row['hr_per_week']
    
    if capital_loss > 0 or (hr_per_week < 35 and age < 40):
        return 1
    elif capital_gain > 0:
        return 0
    else:
        return -1
