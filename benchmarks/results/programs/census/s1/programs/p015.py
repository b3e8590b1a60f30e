import re


def label_income(row: dict) -> int:
    age = row.get('age', None)
    capital_gain = row.get('capital_gain', None)
    occupation = row.get('occupation', None)

    if age is not None and capital_gain is not None:
        # Check for high income in specific occupations
        if re.search(r'executive|managerial|professional', occupation, re.IGNORECASE) or \
           re.search(r'designer|artist|writer', occupation, re.IGNORECASE):
            return 1  # >50K
        else:
            return 0  # <=50K
    else:
        return -1  # abstain
