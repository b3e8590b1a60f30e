def label_income(row: dict) -> int:
    age = row.get('age', None)
    capital_gain = row.get('capital_gain', None)
    
    if age is not None and capital_gain is not None:
        if capital_gain > 50000:
            return 1  # >50K
        else:
            return 0  # <=50K
    else:
        return -1  # abstain
