def label_income(row: dict) -> int:
    if row['education_num'] >= 14 and (row['occupation'] == 'Exec-managerial' or row['occupation'] == 'Prof-specialty'):
        return 1  # >50K
    elif row['education_num'] < 14 and (row['occupation'] != 'Exec-managerial' and row['occupation'] != 'Prof-specialty'):
        return 0  # <=50K
    else:
        return -1  # Weak evidence
