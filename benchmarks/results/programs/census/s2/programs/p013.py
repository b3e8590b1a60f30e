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
    return 1 if vote == 0 else 0
