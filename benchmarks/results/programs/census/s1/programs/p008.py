def label_income(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']
    
    # Categorize based on age and hours worked
    if age < 18 or hr_per_week > 40:
        return 0
    
    # Categorize based on education level
    education = row['education']
    if education_num == 14 or education == 'Prof-specialty':
        return 1
    
    return -1
