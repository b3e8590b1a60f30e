def label_income(row: dict) -> int:
    if row['capital_gain'] > 0 or row['capital_loss'] > 0:
        return 1  # >50K

    education = row['education']
    if education == 'Assoc-acdm' or education == 'Assoc-voc' or education == 'HS-grad':
        return 0  # <=50K
    elif education == 'Masters' or education == 'PhD':
        return 1  # >50K

    occupation = row['occupation']
    if occupation in ['Craft-repair', 'Other-service']:
        return 0  # <=50K
    elif occupation in ['Exec-managerial', 'Prof-specialty']:
        return 1  # >50K

    marital = row['marital']
    if marital == 'Divorced':
        return 0  # <=50K
    elif marital == 'Widowed':
        return 1  # >50K

    relationship = row['relationship']
    if relationship in ['Not-in-family']:
        return 0  # <=50K
    elif relationship in ['Husband', 'Wife']:
        return 1  # >50K

    return -1  # abstain
