def label_income(row: dict) -> int:
    if row['age'] < 18 or row['education_num'] < 5:
        return -1
    if row['capital_gain'] > 0 or row['capital_loss'] > 0:
        return -1
    if row['occupation'] in ['Exec-managerial', 'Prof-specialty', 'Craft-repair']:
        return -1
    if row['type_employer'] == 'Self-emp-inc':
        return -1
    if row['sex'] == 'Male' and row['age'] > 35:
        return -1
    return 1
