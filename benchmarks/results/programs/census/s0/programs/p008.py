def label_income(row: dict) -> int:
    # List of words and phrases for <=50K income
    low_income_keywords = ["low", "none", "no", "under"]
    
    # List of words and phrases for >50K income
    high_income_keywords = ["high", "more", "above", "top"]
    
    # Check for keywords in each category
    if any(word.lower() in low_income_keywords for word in row.values()):
        return 0
    
    elif any(word.lower() in high_income_keywords for word in row.values()):
        return 1
    
    else:
        return -1
