def label_income(row: dict) -> int:
    income = row['education_num']
    if income >= 16 or 'Doctorate' in row['education']:
        return 1
    elif income >= 13 and 'Masters' not in row['education']:
        return 1
    return -1
