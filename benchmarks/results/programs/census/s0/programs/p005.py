import re


def label_income(row: dict) -> int:
    # Define patterns for each class
    low_threshold_pattern = re.compile(r'^\d{1,2}(K|M|B)?$', re.IGNORECASE)
    high_threshold_pattern = re.compile(r'^\d{3,}(K|M|B)?$', re.IGNORECASE)
    
    # Extract relevant information from the row
    age = row['age']
    capital_gain = row['capital_gain']
    hr_per_week = row['hr_per_week']
    
    # Check if the age or hours worked are clearly above 50,000
    if age > 50:
        return 1
    elif hr_per_week >= 40:
        return 1
    
    # Check for a low income threshold
    if capital_gain == 0 and low_threshold_pattern.match(str(age)):
        return 0
    
    # Check for a high income threshold
    if capital_loss == 0 and high_threshold_pattern.match(str(age * hr_per_week)):
        return 1
    
    # Default case: abstain
    return -1
