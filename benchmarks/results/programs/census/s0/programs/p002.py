def label_income(row: Dict[str, Union[int, str]]) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']

    if age <= 25 or hr_per_week < 10:
        return 0
    else:
        return 1
