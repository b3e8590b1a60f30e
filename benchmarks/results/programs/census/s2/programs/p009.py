def label_income(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']
    
    if age < 30 and hr_per_week > 45:
        return 1  # This is a heuristic based on common knowledge about income levels
    else:
        return -1  # Abstain when no clear evidence can be made
