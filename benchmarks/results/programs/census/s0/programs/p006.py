def label_income(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']
    
    # Define the income thresholds
    low_threshold = 50000
    
    # Check if the person's yearly income exceeds the threshold
    if hr_per_week > 40 and age >= 30:
        return 1  # >50K
    else:
        return -1  # <=50K or no clear evidence
