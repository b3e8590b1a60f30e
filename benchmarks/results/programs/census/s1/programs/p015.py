import re


def label_income(row: dict) -> int:
    age = row.get('age', None)
    capital_gain = row.get('capital_gain', None)
    
    if age is not None and capital_gain is not None:
        # Check if the occupation contains 'exec' or 'managing'
        if re.search(r'\b(exec|managing)\b', row.get('occupation')):
            return 1  # >50K
        else:
            return 0  # <=50K
    else:
        return -1  # abstain
