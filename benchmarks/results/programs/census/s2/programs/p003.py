def label_income(row: dict) -> int:
    if row['education_num'] >= 14: # 50K+
        return 1
    elif row['age'] > 60 and (row['occupation'] == 'Exec-managerial' or row['occupation'] == 'Prof-specialty' or row['occupation'] == 'Craft-repair'):
        return 1
    else:
        return -1 # abstain
