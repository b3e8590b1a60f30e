def label_income(row: dict) -> int:
    keywords = [
        '<=50K', 'less than or equal to 50 thousand', 'income at most 50 thousand',
        'lower bound of income', 'not exceeding 50 thousand'
    ]
    
    phrases = [
        'self-employed', 'private sector', 'high school graduate', 'bachelor\'s degree',
        'master\'s degree', 'doctorate', 'executive managerial', 'professional specialty',
        'craft repair', 'private sector', 'self-employment', 'federal government',
        'male', 'female'
    ]
    
    if any(keyword in row['education'].lower() for keyword in keywords):
        return 1
    
    if any(phrase in row['occupation'].lower() for phrase in phrases):
        return 1
    
    return -1
