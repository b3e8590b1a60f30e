def label_income(row: dict) -> int:
    income = row['capital_gain'] + row['capital_loss']
    
    # Typical phrases for <=50K
    typical_phrases_50k = [
        'under 50k', 
        'less than 50k',
        'below 50k',
        'under fifty thousand',
        'below fifty thousand dollars',
        'bellow fifty thousand'
    ]
    
    # Typical phrases for >50K
    typical_phrases_50k_plus = [
        'above 50k', 
        'more than 50k',
        'greater than 50k',
        'over fifty thousand',
        'over fifty thousand dollars',
        'above fifty thousand'
    ]
    
    # Check for typical phrases
    if income >= 50000:
        return 1
    elif any(p in row['occupation'].lower() for p in typical_phrases_50k_plus):
        return 1
    elif any(p in row['occupation'].lower() for p in typical_phrases_50k):
        return 1
    elif any(p in row['education'].lower() for p in typical_phrases_50k_plus):
        return 1
    elif any(p in row['education'].lower() for p in typical_phrases_50k):
        return 1
    else:
        return -1
