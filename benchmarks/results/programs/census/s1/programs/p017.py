import re


def label_income(row: dict) -> int:
    if row['education_num'] >= 13 and row['capital_gain'] > 0 or row['capital_loss'] > 0:
        return 1
    elif re.search(r'capital loss|gain', ' '.join(row.values())) is not None or row['hr_per_week'] < 25:
        return 0
    else:
        return -1
