import re


def label_income(row: dict) -> int:
    income = row['capital_gain'] + row['capital_loss']
    
    # Check if the income is explicitly stated to be greater than 50K
    if 'Income' in row and 'Over 50K' in row['Income']:
        return 1
    
    # Check for more specific patterns in the input
    if re.search(r'\bAbove\s+50,000\b', str(row), re.IGNORECASE):
        return 1
    
    if re.search(r'\bGreater than\s+50,000\b', str(row), re.IGNORECASE):
        return 1
    
    if re.search(r'\bOver\s+50K\b', str(row), re.IGNORECASE):
        return 1
    
    # Check for vague or ambiguous statements
    if 'above' in row['education'].lower() and income > 50000:
        return 1
    
    if 'greater than' in row['occupation'].lower() and income > 50000:
        return 1
    
    if 'over' in row['capital_gain'].lower() and income > 50000:
        return 1
    
    if re.search(r'\babove\s+50K\b', str(row), re.IGNORECASE):
        return 1
    
    # If none of the above conditions are met, consider it as abstaining
    return -1
