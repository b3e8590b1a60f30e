import re


EDUCATION = ['HS-grad', 'College']


EMPLOYER = ['Private', 'Self-emp-inc', 'Federal-gov']


OCCUPATION = ['Exec-managerial', 'Prof-specialty', 'Craft-repair', 'Sales']


def _label_income_as_written(row: dict) -> int:
    if row['education_num'] > 16 or row['age'] > 70:
        return -1

    for keyword in EDUCATION:
        if re.search(keyword, row['education'], re.IGNORECASE):
            return 1
    if row['type_employer'] not in EMPLOYER:
        return -1
    if row['occupation'] not in OCCUPATION:
        return -1

    # Additional checks for specific patterns or conditions
    if 'executive' in row['occupation'] and row['capital_gain'] > 0:
        return 1
    elif 'salad' in row['occupation'] and row['capital_loss'] < 0:
        return 1
    else:
        return -1


def label_income(row: dict) -> int:
    """p010 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
