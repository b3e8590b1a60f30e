def label_income(row: dict) -> int:
    # Define classes based on patterns found in the data
    low_class = ['<=50K', 'local-gov']
    high_class = ['self-emp-not-inc', 'exec-managerial', 'prof-specialty', 'craft-repair', 'private', 'federal-gov']

    # Check if any of the keywords from high_class are present in the description
    for keyword in high_class:
        if keyword.lower() in row['occupation'].lower():
            return 1

    # If no high-class occupations are found, check for low-class occupations
    for keyword in low_class:
        if keyword.lower() in row['occupation'].lower():
            return 0

    # If no clear pattern is found (abstain)
    return -1
