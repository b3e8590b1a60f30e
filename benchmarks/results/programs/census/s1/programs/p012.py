def label_income(row: dict) -> int:
    education_pattern = r'\b(Doctorate|Master|Bachelor)\b'
    if education_pattern.search(row['education']):
        return 1  # >50K
    else:
        return 0  # <=50K
