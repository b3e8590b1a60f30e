def _label_income_as_written(row: dict) -> int:
    # Check for high capital gains
    if int(row['capital_gain']) > 5000:
        return 1
    
    # Check for high capital losses
    if int(row['capital_loss']) > 2000:
        return 1
    
    # Check for high hours worked per week
    if int(row['hr_per_week']) > 50:
        return 1
    
    # Check for extremely low age
    if int(row['age']) < 20:
        return 1
    
    # Check for extremely high age
    if int(row['age']) > 70:
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
    
    # Check for very high education level
    if row['education_num'] > 14:
        return 1
    
    # Check for extremely low employment type
    if row['type_employer'] == 'Private':
        return 1
    
    # Check for extremely high employment type
    if row['type_employer'] == 'Self-emp-inc':
        return 1
    
    # Check for extremely low marital status
    if row['marital'] == 'Divorced':
        return 1
    
    # Check for extremely high marital status
    if row['marital'] == 'Married-civ-spouse':
        return 1
    
    # Check for extremely low occupation
    if row['occupation'] in ['Craft-repair', 'Exec-managerial', 'Sales']:
        return 1
    
    # Check for extremely high occupation
    if row['occupation'] in ['Prof-specialty', 'Research-Doc']:
        return 1
    
    # Check for extremely low race
    if row['race'] == 'Black':
        return 1
    
    # Check for extremely high race
    if row['race'] == 'White':
        return 1
    
    # Check for extremely low sex
    if row['sex'] == 'Female':
        return 1
    return -1


def label_income(row: dict) -> int:
    """p008 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
