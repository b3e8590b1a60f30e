def label_income(row: dict) -> int:
    if 'capital_gain' in row and row['capital_gain'] > 50000:
        return 1
    elif 'education_num' >= 13 or 'type_employer' == 'Self-emp-inc':
        return 1
    else:
        return 0
