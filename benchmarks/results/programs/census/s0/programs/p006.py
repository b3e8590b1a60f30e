def label_income(row: dict) -> int:
    education = row['education']
    occupation = row['occupation']

    if education == 'Bachelors':
        return 1
    elif education == 'Masters' and occupation in ['Exec-managerial', 'Prof-specialty']:
        return 1
    elif education == 'HS-grad' or occupation == 'Other-service':
        return 0

    return -1
