def label_income(row: dict) -> int:
    capital_gain = row.get('capital_gain', 0)
    capital_loss = row.get('capital_loss', 0)

    if capital_gain > 50000 or capital_loss > 50000:
        return 1
    else:
        return -1
