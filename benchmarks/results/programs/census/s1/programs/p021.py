def _label_income_as_written(row: dict) -> int:
    income = row['capital_gain'] + row['capital_loss']
    
    # <=50K classification
    if income <= 34921 or (row['education_num'] == 16 and 'Private' in row['type_employer']):
        return 1
    
    # >50K classification
    elif income >= 34922:
        return 0

    return -1  # abstain if no clear evidence


def label_income(row: dict) -> int:
    """p020 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
