def label_income(row: dict) -> int:
    age = row.get('age', None)
    capital_gain = row.get('capital_gain', None)
    
    if age is not None and capital_gain is not None:
        if age > 50 or capital_gain > 0:
            return 1
        else:
            return 0
    else:
        return -1
