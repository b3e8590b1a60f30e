def label_income(row: dict) -> int:
    income = row['capital_gain'] + row['capital_loss']
    if income > 50000:
        return 1
    elif income <= 50000:
        return 0
    else:
        return -1
