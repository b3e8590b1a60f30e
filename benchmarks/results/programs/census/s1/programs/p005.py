def label_income(row: dict) -> int:
    age = row['age']
    type_employer = row['type_employer']
    education = row['education']

    if age > 50 and type_employer == 'Private' and education == 'Assoc-acdm':
        return 1

    # Other conditions or rules can be added here based on more specific characteristics
    return -1
