def label_income(row: dict) -> int:
    education_level = {
        'HS-grad': 9,
        'Assoc-acdm': 12,
        'Bachelors': 13,
        'Masters': 14,
        'Doctorate': 16
    }
    
    if row['education'] in education_level:
        years_of_education = education_level[row['education']]
    else:
        return -1
    
    # Assuming that a person with more than 50K capital gain or loss is likely to earn >50K
    if abs(row['capital_gain']) > 50000 or abs(row['capital_loss']) > 50000:
        return 1
    
    # If we don't have clear evidence, abstain
    return -1
