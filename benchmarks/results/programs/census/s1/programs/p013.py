def label_income(row: dict) -> int:
    income = row['capital_gain'] + row['capital_loss']
    
    # <=50K classification
    if (income <= 34921 and row['education_num'] == 16 and row['type_employer'] == 'Local-gov') or \
       (row['age'] >= 48 and income > 34922) or \
       ((row['education'] == 'HS-grad' or row['education'] == 'College') and row['marital'] in ['Married-civ-spouse', 'Divorced']) or \
       (income >= 100000):
        return 1
    
    # >50K classification
    elif income > 34922:
        return 1

    return -1  # abstain if no clear evidence
