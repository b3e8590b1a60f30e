def label_income(row: dict) -> int:
    age = row.get('age', 0)
    capital_gain = row.get('capital_gain', 0)
    
    if age > 48 or capital_gain > 50000:
        return 1  # >50K
    
    return -1  # <=50K
