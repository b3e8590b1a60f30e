def label_income(row: dict) -> int:
    # Define keywords for each income category
    low_income_keywords = ['less', 'poor', 'under', 'below', 'least']
    high_income_keywords = ['wealthy', 'rich', 'above', 'highest']

    # Extract relevant information from the row
    age = row['age']
    occupation = row['occupation']
    relationship = row['relationship']
    capital_gain = row['capital_gain']
    capital_loss = row['capital_loss']
    hr_per_week = row['hr_per_week']
    education = row['education']

    # Check for low income keywords
    if any(key in occupation or key in relationship or key in education for key in low_income_keywords):
        return 0

    # Check for high income keywords
    if any(key in occupation or key in relationship or key in education for key in high_income_keywords):
        return 1

    # No clear evidence, abstain
    return -1
