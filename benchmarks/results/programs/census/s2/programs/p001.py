def label_income(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']
    
    # Check if education is at least 16 years (Bachelor's degree or higher)
    if row['education_num'] >= 16:
        return 1  # >50K
    
    # If not, check for high capital gains or hours worked
    if (row['capital_gain'] > 25000) or (hr_per_week > 30):
        return 1  # >50K
    
    # If neither condition is met, abstain
    return -1
