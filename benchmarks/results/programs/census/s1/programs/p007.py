def label_income(row: dict) -> int:
    keywords = {
        'self-emp-inc': 1, 'private': 1, 'exec-managerial': 1, 'prof-specialty': 1,
        'craft-repair': 1, 'state-gov': 1, 'transport-moving': 1,
        'self-emp-not-inc': -1
    }
    
    for keyword in keywords:
        if keyword in row['occupation'] or keyword in row['type_employer']:
            return keywords[keyword]
    
    # If no match is found, abstain
    return -1
