def label_income(row: dict) -> int:
    if row['education_num'] >= 13:
        return 1
    else:
        return 0
