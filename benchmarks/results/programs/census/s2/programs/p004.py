def label_income(row: dict) -> int:
    keywords_less_than_50k = [
        "low", "poor", "not enough", "very few", "few", "none",
        "less than", "under", "below", "beneath"
    ]
    keywords_more_than_50k = [
        "high", "rich", "wealthy", "above", "over", "beyond"
    ]

    age = row.get('age', None)
    type_employer = row.get('type_employer', None)
    education = row.get('education', None)
    education_num = row.get('education_num', None)
    marital = row.get('marital', None)
    occupation = row.get('occupation', None)
    relationship = row.get('relationship', None)
    race = row.get('race', None)
    sex = row.get('sex', None)
    capital_gain = row.get('capital_gain', None)
    capital_loss = row.get('capital_loss', None)
    hr_per_week = row.get('hr_per_week', None)

    if age is not None and type_employer is not None:
        keywords_less_than_50k += ["private", "local-gov"]
        keywords_more_than_50k += ["self-emp-not-inc"]

    if education_num == 13 or education_num == 14:
        keywords_less_than_50k += ["masters", "doctorate"]
        keywords_more_than_50k += ["bachelors"]

    if marital in ["divorced", "widow"]:
        keywords_less_than_50k += ["never-married"]

    if education == "12th":
        keywords_less_than_50k += ["high-school"]

    if occupation in ["exec-managerial", "prof-specialty", "craft-repair"]:
        keywords_more_than_50k += ["private"]

    if relationship == "not-in-family":
        keywords_less_than_50k += ["married-civ-spouse"]

    if race == "other":
        keywords_more_than_50k += ["white"]

    if sex == "female":
        keywords_more_than_50k += ["male", "woman"]

    if capital_gain > 50000 or capital_loss > 50000:
        keywords_more_than_50k += ["high"]
    return -1
