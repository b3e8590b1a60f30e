def _label_income_as_written(row: dict) -> int:
    age = row['age']
    education_num = row['education_num']
    
    if age < 21 or education_num <= 4:
        return 0  # <=50K
    
    if education_num == 13:
        return 0  # <=50K
    elif education_num == 16 and (age >= 46):
        return 0  # <=50K
    
    if row['occupation'] in ['Exec-managerial', 'Prof-specialty']:
        return 0  # <=50K
    
    if row['type_employer'] == 'Federal-gov':
        return 0  # <=50K
    
    if row['sex'] == 'Male':
        return 1  # >50K
    
    return -1


def label_income(row: dict) -> int:
    """p003 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
