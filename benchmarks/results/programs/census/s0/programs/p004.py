import re


def label_income(row: dict) -> int:
    keywords_50k = ["less than", "smaller than", "below", "under"]
    keywords_above_50k = ["greater than", "larger than", "above", "over"]

    if "capital_gain" in row and row["capital_gain"] > 10000:
        return 1

    age_str = str(row['age'])
    marital_str = row['marital']
    occupation_str = row['occupation']

    for keyword in keywords_50k:
        if re.search(keyword, marital_str, re.IGNORECASE) or \
           re.search(keyword, occupation_str, re.IGNORECASE):
            return 1

    for keyword in keywords_above_50k:
        if re.search(keyword, marital_str, re.IGNORECASE) or \
           re.search(keyword, occupation_str, re.IGNORECASE):
            return 0

    return -1
