import re


def label_income(row: dict) -> int:
    education_num_pattern = r'education_num\s*=\s*(13|9|14)'
    capital_gain_pattern = r'(capital_gain|capital_loss)\s*>\s*50000'
    
    if re.search(education_num_pattern, str(row)):
        return 1
    elif re.search(capital_gain_pattern, str(row)):
        return 1
    else:
        return -1
