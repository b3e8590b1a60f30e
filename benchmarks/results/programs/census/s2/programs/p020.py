def _label_income_as_written(row: dict) -> int:
    if row['education'] == 'HS-grad' or row['hr_per_week'] > 40:
        return 1
    elif row['education_num'] >= 12 or row['race'] != 'White':
        return 0
    else:
        return -1


def label_income(row: dict) -> int:
    """p003 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    education_level = 'High School' if row['education'] == 'HS-grad' else 'College'
    occupation = 'Professional' if row['occupation'].startswith('Prof') else 'Managerial'
    
    # If the person is a man and has high income or is a woman with college degree, label as 1
    if (row['sex'] == 'Male' and education_level == 'High School') or\
       (row['sex'] == 'Female' and education_level == 'College'):
        return 1
    # If the person has a low income or is of different race, label as 0
    elif row['education_num'] < 12 or row['race'] != 'White':
        return 0
    else:
        return -1
