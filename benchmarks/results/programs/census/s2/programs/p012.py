def _label_income_as_written(row: dict) -> int:
    # Keywords for <=50K
    low_income_keywords = ['low', 'poor', 'none', 'barely', 'just', 'not']
    
    # Keywords for >50K
    high_income_keywords = ['high', 'wealthy', 'rich', 'above', 'exceeds', 'greater']
    
    # Check each keyword in the input dict
    for key, value in row.items():
        if key == 'education':
            # If education level is 12 or above, it's likely >50K
            if value >= 12:
                return 1
        elif key in ['capital_gain', 'capital_loss']:
            # If any of these fields have a non-zero value, it's likely >50K
            if value != 0:
                return 1
        elif key == 'age':
            # Age can be used as a rough indicator
            if int(value) > 65:
                return 1
        elif key in ['type_employer', 'occupation', 'relationship', 'race', 'sex']:
            # These fields are less likely to indicate >50K
            pass
    
    # If no keywords match, abstain
    return -1


def label_income(row: dict) -> int:
    """p005 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
