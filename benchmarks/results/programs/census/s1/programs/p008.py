import re


def label_income(row: dict) -> int:
    def is_above_50k(text):
        return re.search(r'>\$50,000', text)

    def has_high_salary(text):
        return re.search(r'\$[1-9][0-9]*,?(\.[0-9]*)?', text)

    def has_high_income(text):
        return any([is_above_50k(text), has_high_salary(text)])

    age = row.get('age', 0)
    capital_gain = row.get('capital_gain', 0)
    capital_loss = row.get('capital_loss', 0)
    
    if age <= 21 or age >= 67:
        return -1

    if capital_gain > 30000 or capital_loss > 15000:
        return -1

    # If any of the above conditions are met, we have high income
    if has_high_income(row['occupation']):
        return 1
    else:
        return -1
