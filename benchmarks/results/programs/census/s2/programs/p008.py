import re


def label_income(row: dict) -> int:
    # Define patterns for each class
    pattern_50K = r'<=50K|less than 50K'
    pattern_greater_50K = r'>50K|greater than 50K'
    
    # Check if the age is above 60, which indicates a high income
    if row['age'] > 60:
        return 1
    
    # Check for specific phrases that indicate high income
    if re.search(pattern_50K, str(row)):
        return 1
    
    # If no clear evidence, abstain
    return -1
