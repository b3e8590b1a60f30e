def label_income(row: dict) -> int:
    def is_high_income(row):
        if row['age'] > 50 or row['education_num'] >= 13 or row['hr_per_week'] > 60:
            return True
        else:
            return False
    
    def is_low_income(row):
        if row['age'] <= 50 and row['education_num'] < 13 and row['hr_per_week'] <= 60:
            return True
        else:
            return False
    
    income = row.get('capital_gain', 0) + row.get('capital_loss', 0)
    
    if income > 50000:
        return 1
    elif is_high_income(row):
        return 1
    elif is_low_income(row):
        return 0
    else:
        return -1
