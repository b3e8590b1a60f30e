def label_income(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']

    if age <= 18 or hr_per_week < 25:
        return 0
    
    if age >= 34 and hr_per_week >= 60:
        return 0
    
    if 'Self-emp-inc' in row['type_employer'] or 'Private' not in row['type_employer']:
        return 1
    
    return -1
