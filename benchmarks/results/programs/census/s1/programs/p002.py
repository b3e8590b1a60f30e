def label_income(row: dict) -> int:
    keywords = {
        'exec-managerial': 1,
        'prof-specialty': 1,
        'craft-repair': 1,
        'self-emp-inc': 1,
        'private': 1,
        'fed-gov': 1,
        'capital-loss': -1,
        'capital_gain': 0
    }
    
    if keywords.get(row['occupation'], 0) == 1:
        return 1
    
    return -1
