def label_income(row: dict) -> int:
    age = row.get('age', None)
    hr_per_week = row.get('hr_per_week', None)
    
    if age is None or hr_per_week is None:
        return -1  # Abstain when the input gives no clear evidence
    
    income = (age * hr_per_week) // 5000
    return 1 if income > 1 else 0
