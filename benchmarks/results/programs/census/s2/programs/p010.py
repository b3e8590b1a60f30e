def label_income(row: dict) -> int:
    keywords_1 = {
        'private': 0,
        'self-emp-inc': 1,
        'exec-managerial': 1,
        'prof-specialty': 1,
        'craft-repair': 1,
        'sales': 1,
        'adm-clerical': 1
    }
    
    keywords_2 = {
        'married-civ-spouse': 1,
        'divorced': 0,
        'widowed': 0,
        'never-married': 0,
        'not-in-family': 0,
        'own-child': 0,
        'husband': 1,
        'wife': 1,
        'unmarried': 0
    }
    
    keywords_3 = {
        'bachelors': 1,
        'hs-grad': 0,
        'masters': 0,
        'doctorate': 0
    }
    
    if row['type_employer'] in keywords_1:
        return 1
    elif row['marital'] in keywords_2:
        return 0
    elif row['education'] in keywords_3:
        return 0
    else:
        return -1
