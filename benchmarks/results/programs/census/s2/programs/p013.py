import re


def label_income(row: dict) -> int:
    if row['education_num'] >= 14: # 50K+
        return 1
    elif row['age'] > 60 and (re.search('Exec-managerial', row['occupation']) or re.search('Prof-specialty', row['occupation']) or re.search('Craft-repair', row['occupation'])):
        return 1
    else:
        return -1 # abstain
