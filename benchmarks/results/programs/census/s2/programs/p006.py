def label_income(row: dict) -> int:
    income = row['hr_per_week']
    
    if income > 50000:
        return 1
    
    elif income < 20000:
        return 0
    
    else:
        return -1
