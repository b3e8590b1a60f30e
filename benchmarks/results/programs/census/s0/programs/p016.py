import re


def label_income(row: dict) -> int:
    # Check for high income (>50K)
    if row['education_num'] >= 14: return 1
    
    # Check for high income for male white federal government workers with professional occupations and hours per week of 25 or more
    if row['sex'] == 'Male' and row['race'] == 'White' and row['type_employer'] in ['Federal-gov', 'State-gov']:
        if re.search('exec|prof', row['occupation']):
            if re.search(r'\b25\d+\b', str(row['hr_per_week'])):
                return 1
    
    # If none of the above conditions are met, abstain
    return -1
