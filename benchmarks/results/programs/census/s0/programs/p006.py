def label_income(row: dict) -> int:
    if row['age'] <= 50 and row['education_num'] > 9 or row['type_employer'] == 'Federal-gov' or row['occupation'] == 'Exec-managerial':
        return 1
    elif row['capital_gain'] > 20000 or (row['education_num'] in [14, 16] and row['age'] >= 50):
        return -1
    else:
        return 0
