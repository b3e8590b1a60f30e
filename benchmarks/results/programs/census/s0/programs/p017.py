def label_income(row: dict) -> int:
    if row['education_num'] >= 13 and row['occupation'] == 'Exec-managerial' and row['marital'] != 'Never-married':
        return 1
    else:
        return 0
