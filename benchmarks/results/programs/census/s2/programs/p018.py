import re


def label_income(row: dict) -> int:
    if row['capital_gain'] > 0 or row['capital_loss'] > 0:
        return 1  # >50K

    education = row['education']
    if education in ['Assoc-acdm', 'Assoc-voc']:
        return 0  # <=50K
    elif re.match(r'HS-grad|PhD', education):
        return 1  # >50K

    occupation = row['occupation']
    if occupation in ['Craft-repair', 'Other-service', 'Protective-serv']:
        return 0  # <=50K
    elif re.match(r'Master|Prof-specialty', occupation):
        return 1  # >50K

    marital = row['marital']
    if marital == 'Divorced':
        return 0  # <=50K
    elif marital == 'Widowed':
        return 1  # >50K

    relationship = row['relationship']
    if relationship in ['Not-in-family']:
        return 0  # <=50K
    elif re.match(r'Husband|Wife', relationship):
        return 1  # >50K

    return -1  # abstain
