def label_income(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']

    if age <= 18 or hr_per_week < 25:
        return 0
    
    # Special case for self-employment and private sector employers
    employer_type = row['type_employer']
    if 'Self-emp' in employer_type or 'Private' not in employer_type:
        return 1
    
    # Check for high income criteria
    if age >= 34 and hr_per_week >= 60:
        if 'income' in row and row['income'] > 50000:
            return 1
        else:
            return -1
    
    return -1
