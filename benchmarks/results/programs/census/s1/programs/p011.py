def label_income(row: dict) -> int:
    if row['education_num'] > 12 or row['hr_per_week'] >= 45:
        return 1
    elif row['race'] == 'White' and (row['age'] >= 30 or row['occupation'] in ['Exec-managerial', 'Prof-specialty']):
        return 1
    else:
        return -1
