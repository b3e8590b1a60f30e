def label_income(row: dict) -> int:
    income = row['capital_gain'] + row['capital_loss']
    
    # <=50K classification
    if income <= 34921 or (row['education_num'] == 16 and 'Private' in row['type_employer']):
        return 1
    
    # >50K classification
    elif income >= 34922:
        return 0

    return -1  # abstain if no clear evidence
