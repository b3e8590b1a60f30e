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
    
    if isinstance(vote, bool):
        return vote
    
    # Add specific patterns and words to improve the label
    specific_patterns = [
        'self-emp-inc',
        'private',
        'exec-managerial',
        'prof-specialty',
        'craft-repair',
        'sales',
        'own-child'
    ]
    
    for keyword in specific_patterns:
        if keyword.lower() in row['type_employer'] or keyword.lower() in row['occupation']:
            return 1
    
    # If no clear evidence, return -1
    return -1
