import re


def label_income(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']
    
    # If age or hours worked is 0, it's highly unlikely to earn >50K
    if age <= 0 or hr_per_week == 0:
        return -1
    
    # Calculate annual income based on education and hours worked per week
    education_num = row['education_num']
    base_income = (education_num + 9) * 132 if education_num <= 6 else (education_num - 6) * 144
    
    annual_income = base_income * hr_per_week
    
    # Determine the label based on annual income
    if annual_income > 50000:
        return 1
    elif re.search(r'5\d{3}\s*US', str(annual_income)) or '50K' in str(annual_income):
        return 1
    else:
        return 0
