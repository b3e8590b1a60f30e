def _label_income_as_written(row: dict) -> int:
    if row['age'] < 18 or row['education_num'] < 5:
        return -1
    if row['capital_gain'] > 0 or row['capital_loss'] > 0:
        return -1
    if row['occupation'] in ['Exec-managerial', 'Prof-specialty', 'Craft-repair']:
        return -1
    if row['type_employer'] == 'Self-emp-inc':
        return -1
    if row['sex'] == 'Male' and row['age'] > 35:
        return -1
    return 1


def label_income(row: dict) -> int:
    """p001 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
