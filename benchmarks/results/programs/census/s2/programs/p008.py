def label_income(row: dict) -> int:
    if row['education'] == 'Bachelors':
        return 1
    elif row['occupation'] == 'Exec-managerial' and (row['sex'] == 'Male' or row['capital_gain'] > 0):
        return 1
    else:
        return -1
