def label_income(row: dict) -> int:
    age = row.get('age', None)
    capital_gain = row.get('capital_gain', None)

    # Check if both age and capital gain are present
    if age is not None and capital_gain is not None:

        # Define specific conditions for income > 50k
        if age > 50 or (capital_gain > 0 and age <= 50):
            return 1

        # If neither condition, assume income <= 50k
        else:
            return 0

    # If either age or capital gain is missing, abstain from labeling
    else:
        return -1
