def label_income(row: dict) -> int:
    keywords_50K = ["<=50K", "low income", "under 50k", "no income", "none"]
    keywords_100K = [">50K", "high income", "above 50k", "more than 50k", "much more"]

    for keyword in keywords_50K:
        if keyword in row['education'] or keyword.lower() in row['occupation'].lower():
            return 0

    for keyword in keywords_100K:
        if keyword in row['education'] or keyword.lower() in row['occupation'].lower():
            return 1

    return -1
