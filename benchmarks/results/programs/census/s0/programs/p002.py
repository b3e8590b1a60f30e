keywords_50k = {
    'low', 'economic', 'employment', 'financial', 'social',
    'income', 'economy', 'wealth', 'money', 'business'
}


keywords_high_k = {
    'rich', 'millionaire', 'fortune', ' riches', 'money',
    'wealth', 'high', 'ruling', 'powerful', 'control'
}


def label_income(row: dict) -> int:
    text = " ".join([str(v).lower() for v in row.values()])
    
    if any(keyword in text for keyword in keywords_50k):
        return 1
    elif any(keyword in text for keyword in keywords_high_k):
        return 0
    else:
        return -1
