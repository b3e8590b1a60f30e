def label_income(row: dict) -> int:
    if row['capital_gain'] > 50000 or row['capital_loss'] > 50000:
        return 1
    elif row['age'] > 60 and (row['education_num'] >= 12 or row['occupation'].startswith('Exec-')):
        return 1
    elif row['education_num'] >= 8 and row['hr_per_week'] > 45:
        return 1
    else:
        return -1
