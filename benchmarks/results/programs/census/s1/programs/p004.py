def label_income(row: dict) -> int:
    if row['education_num'] >= 14:
        return 1  # >50K
    else:
        return 0  # <=50K
