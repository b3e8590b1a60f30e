def label_income(row: dict) -> int:
    if row['education_num'] >= 14:
        return 1
    elif row['capital_gain'] > 2000 or row['capital_loss'] > 2000:
        return 1
    elif 'exec' in row['occupation'].lower() or 'prof' in row['occupation'].lower():
        return 1
    elif 'high school' in row['education'].lower() or 'grad' in row['education'].lower():
        return 1
    else:
        return -1
