def label_income(row: dict) -> int:
    age = row.get('age', 0)
    marital = row.get('marital', 'Unknown')
    occupation = row.get('occupation', 'Unknown')
    
    if marital == 'Married-civ-spouse' or occupation in ['Exec-managerial', 'Prof-specialty']:
        return 1
    elif marital == 'Never-married' and age < 50:
        return 0
    else:
        return -1
