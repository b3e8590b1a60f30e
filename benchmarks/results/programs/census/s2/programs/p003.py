def label_income(row: dict) -> int:
    if row['education_num'] >= 13: # Class: >50K
        return 1
    elif row['capital_gain'] > 50000 or row['capital_loss'] > 50000: # Class: >50K
        return 1
    else: # Class: <=50K
        return 0
