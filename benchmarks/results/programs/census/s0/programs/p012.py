def label_income(row: dict) -> int:
    age = row.get('age')
    education_num = row.get('education_num')
    
    if age is not None and education_num is not None:
        # For <=50K, higher education can be considered a good indicator
        if education_num >= 13:
            return 1
        
        # For >50K, higher age is often associated with higher income
        elif age >= 45:
            return 1
    
    return -1
