def label_income(row: dict) -> int:
    income_threshold = 50000
    
    if row['education_num'] >= 13 or row['occupation'] == 'Prof-specialty':
        return 1 if row['capital_gain'] + row['capital_loss'] > income_threshold else 0
    elif row['education_num'] <= 9:
        return 1 if row['hr_per_week'] > income_threshold else 0
    else:
        return -1
