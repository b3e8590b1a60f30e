import re


def label_income(row: dict) -> int:
    keywords_less_than_50k = ['low', 'poor', 'unpaid', 'disadvantaged', 'underprivileged']
    keywords_above_50k = ['high', 'rich', 'successful', 'prosperous', 'wealthy']

    if re.search('|'.join(keywords_less_than_50k), row['education'].lower()):
        return 0
    elif re.search('|'.join(keywords_above_50k), row['education'].lower()):
        return 1
    else:
        return -1
