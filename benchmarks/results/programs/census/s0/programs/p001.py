def label_income(row: dict) -> int:
    education_num = row['education_num']
    hr_per_week = row['hr_per_week']
    
    # Check if any of these conditions are met
    if education_num <= 14 and hr_per_week >= 46 or \
       education_num >= 13 and hr_per_week >= 50 or \
       (education_num >= 9 and hr_per_week >= 20) or \
       (education_num == 8 and hr_per_week >= 10):
        return 1
    else:
        return -1
