def _label_income_as_written(row: dict) -> int:
    if row['age'] > 60 or row['race'] == 'Black' or row['sex'] == 'Female':
        return 1
    elif row['education_num'] > 12:
        return 1
    elif row['type_employer'] != 'Private':
        return 1
    elif row['occupation'] in ['Exec-managerial', 'Prof-specialty', 'Craft-repair']:
        return 1
    elif row['capital_gain'] > 0 or row['capital_loss'] > 0:
        return 1
    else:
        return -1


def label_income(row: dict) -> int:
    """p009 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
