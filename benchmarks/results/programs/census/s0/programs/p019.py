import re


def label_income(row: dict) -> int:
    education = row['education']
    occupation = row['occupation']

    if education == 'Bachelors' and occupation not in ['Exec-managerial', 'Prof-specialty']:
        return 0
    elif education == 'Masters' and occupation in ['Exec-managerial', 'Prof-specialty'] or re.search(r'Sales|Service', occupation):
        return 1
    elif education == 'HS-grad':
        return 0 if re.search(r'Managerial', occupation) else 1
    elif re.search(r'Research|Engineering', occupation):
        return 1

    return -1
