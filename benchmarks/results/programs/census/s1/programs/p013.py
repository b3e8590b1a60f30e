keywords_50k = {
    'self-emp-inc',
    'private',
    'exec-managerial',
    'prof-specialty',
    'craft-repair',
    'sales',
    'own-child'
}


def _label_income_as_written(row: dict) -> int:
    keywords = [
        row['type_employer'],
        row['occupation']
    ]
    
    for keyword in keywords:
        if keyword.lower() in keywords_50k:
            return 1
    
    # No clear evidence
    return -1


def label_income(row: dict) -> int:
    """p010 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
