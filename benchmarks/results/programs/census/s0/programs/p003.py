def label_income(row: dict) -> int:
    age = row['age']
    education_num = row['education_num']
    
    if age < 21 or education_num <= 4:
        return 0  # <=50K
    
    if education_num == 13:
        return 0  # <=50K
    elif education_num == 16 and (age >= 46):
        return 0  # <=50K
    
    if row['occupation'] in ['Exec-managerial', 'Prof-specialty']:
        return 0  # <=50K
    
    if row['type_employer'] == 'Federal-gov':
        return 0  # <=50K
    
    if row['sex'] == 'Male':
        return 1  # >50K
    
    return -1
