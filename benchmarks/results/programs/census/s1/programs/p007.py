import re


class_ids = {'<=50K': 0, '>50K': 1}


keywords = {
    'high school graduate': ['HS-grad', 'Some-college', 'Assoc-voc'],
    'college graduate': ['Bachelors', 'Masters', 'Doctorate'],
    'professional specialization': ['Prof-specialty'],
    'executive managerial': ['Exec-managerial'],
    'sales': ['Sales'],
    'protective service': ['Protective-serv']
}


def label_income(row: dict) -> int:
    keywords_match = any(re.search(keyword, row['education'].lower()) for keyword in keywords.values())
    
    if keywords_match and row['capital_gain'] >= 50000 or row['capital_loss'] >= 50000:
        return class_ids['>50K']
    
    return -1
