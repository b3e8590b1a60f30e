def label_income(row: dict) -> int:
    if row['education'] == 'HS-grad' or row['hr_per_week'] > 40:
        return 1
    elif row['education_num'] >= 12 or row['race'] != 'White':
        return 0
    else:
        return -1
