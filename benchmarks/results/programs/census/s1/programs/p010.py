import re


EDUCATION = ['HS-grad', 'College']


EMPLOYER = ['Private', 'Self-emp-inc', 'Federal-gov']


OCCUPATION = ['Exec-managerial', 'Prof-specialty', 'Craft-repair', 'Sales']


def label_income(row: dict) -> int:
    if row['education_num'] > 16 or row['age'] > 70:
        return -1

    for keyword in EDUCATION:
        if re.search(keyword, row['education'], re.IGNORECASE):
            return 1
    if row['type_employer'] not in EMPLOYER:
        return -1
    if row['occupation'] not in OCCUPATION:
        return -1

    if row['capital_gain'] > 0 or row['capital_loss'] > 0:
        return 1

    return -1
