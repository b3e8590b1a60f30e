def label_income(row: dict) -> int:
    if row['education_num'] >= 14:
        return 1
    else:
        return -1
