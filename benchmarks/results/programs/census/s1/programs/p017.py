import re


def label_income(row: dict) -> int:
    age = row.get('age', 0)
    marital = row.get('marital', 'Unknown')
    occupation = row.get('occupation', 'Unknown')
    
    # Check for specific patterns or words in the input
    if re.search(r'50,000+\s*US$', occupation):
        return 1
    elif re.search(r'married-civ-spouse', marital) and age >= 50:
        return 0
    else:
        return -1
