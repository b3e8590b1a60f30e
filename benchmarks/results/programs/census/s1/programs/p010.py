keywords_50k = {
    'self-emp-inc',
    'private',
    'exec-managerial',
    'prof-specialty',
    'craft-repair',
    'sales',
    'own-child'
}


def label_income(row: dict) -> int:
    keywords = [
        row['type_employer'],
        row['occupation']
    ]
    
    for keyword in keywords:
        if keyword.lower() in keywords_50k:
            return 1
    
    # No clear evidence
    return -1
