import re


def label_income(row: dict) -> int:
    pattern_50k = r"<=50K"
    pattern_higher_50k = r">50K"

    if "capital_gain" in row and row["capital_gain"] > 50000:
        return 1
    elif "age" in row and int(row["age"]) >= 60:
        return 1
    elif re.search(pattern_50k, row.get("occupation", "")):
        return 1
    elif re.search(pattern_higher_50k, row.get("relationship", "")):
        return 1
    elif re.search(pattern_higher_50k, row.get("race", "")):
        return 1
    elif "education" in row and int(row["education_num"]) >= 13:
        return 1
    elif "capital_loss" in row and int(row["capital_loss"]) < -50000:
        return 1
    else:
        return -1
