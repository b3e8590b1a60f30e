import re


def label_income(row: dict) -> int:
    if row['education_num'] >= 14: return 1
    if row['sex'] == 'Male' and row['race'] == 'White':
        if row['type_employer'] in ['Federal-gov', 'State-gov']:
            if re.search('exec|prof', row['occupation']):
                if re.search(r'\b25\d+\b', str(row['hr_per_week'])):
                    return 1
    return -1
