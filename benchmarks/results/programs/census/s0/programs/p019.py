def _label_income_as_written(row: dict) -> int:
    if row['education_num'] >= 14:
        return 1
    elif (row['capital_gain'] > 2000 or row['capital_loss'] > 2000) and ('exec' in row['occupation'].lower() or 'prof' in row['occupation'].lower()):
        return 1
    elif 'high school' in row['education'].lower() or 'grad' in row['education'].lower():
        return 1
    else:
        return -1


def label_income(row: dict) -> int:
    """p002 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0


def improved_label_income(row: dict) -> int:
    """Improved label function to address the issue of false negatives."""
    # Check for high education and executive/professional occupations with strong capital gains/losses
    if (row['education_num'] >= 14 or 
        ('exec' in row['occupation'].lower() or 'prof' in row['occupation'].lower()) and 
        (row['capital_gain'] > 2000 or row['capital_loss'] > 2000)):
        return 1
    # Check for high education and non-executive/professional occupations with strong capital gains/losses
    elif (row['education_num'] >= 14 or 
            ('high school' in row['education'].lower() or 'grad' in row['education'].lower()) and 
            (row['capital_gain'] > 2000 or row['capital_loss'] > 2000)):
        return 1
    # If none of the above conditions are met, abstain
    else:
        return -1
