def _label_income_as_written(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']
    
    # Check if education is at least 16 years (Bachelor's degree or higher)
    if row['education_num'] >= 16:
        return 0  # >50K
    
    # If not, check for high capital gains or hours worked
    if (row['capital_gain'] > 25000) or (hr_per_week > 30):
        return 0  # >50K
    
    # Check for specific patterns in income
    if row['occupation'] == 'Prof-specialty' and age >= 40:
        return 0  # >50K
    
    if row['occupation'] == 'Protective-serv' and age < 30:
        return 0  # >50K
    
    return -1


def label_income(row: dict) -> int:
    """p001 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
