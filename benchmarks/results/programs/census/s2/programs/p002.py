def label_income(row: dict) -> int:
    income_classes = {'<=50K': ['low', 'none', 'no', 'below', 'less'], '>50K': ['high', 'more', 'above']}
    return -1
