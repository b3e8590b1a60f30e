def _label_income_as_written(row: dict) -> int:
    if row['education_num'] > 14:
        return 1
    
    # Check for extremely young adult
    if int(row['age']) >= 30 and int(row['age']) <= 45:
        return 1
    
    # Check for extremely old person
    if int(row['age']) >= 65:
        return 1
    
    # Check for very low education level
    if row['education_num'] < 8:
        return 1
    
    # Check for extremely high occupation
    if row['occupation'] in ['Exec-managerial', 'Prof-specialty']:
        return 1
    
    # Check for extremely low race
    if row['race'] == 'White':
        return 1
    
    # Check for extremely low sex
    if row['sex'] == 'Female':
        return 1
    
    return -1


def label_income(row: dict) -> int:
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote else 0
