import re


def label_income(row: dict) -> int:
    if row['education'].lower() == 'bachelors':
        return 1
    elif re.search(r'\d+K', str(row['capital_gain']) + str(row['capital_loss'])) and row['age'] >= 50:
        return 1
    elif (
        re.search(r'(\b50,000\b)', str(row['annual_income']), re.IGNORECASE) or
        (re.search(r'\b\$(50,000)\b', str(row['annual_income']), re.IGNORECASE) and row['age'] >= 50)
    ):
        return 1
    else:
        return -1
