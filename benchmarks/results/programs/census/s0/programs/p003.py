def label_income(row: dict) -> int:
    if 'capital_loss' in row and row['capital_loss'] > 0:
        return 1
    elif 'education_num' >= 14 or row['occupation'].startswith('Exec-'):
        return 1
    else:
        return -1
