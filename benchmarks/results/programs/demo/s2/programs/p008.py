def label(text: str) -> int:
    classes = {
        0: ['but', 'however', 'only', 'wish'],
        1: ['love', 'delicious', 'favorite', 'best', 'great']
    }
    
    for class_id, keywords in classes.items():
        if any(keyword.lower() in text.lower() for keyword in keywords):
            return class_id
    
    # If no specific class is identified, abstain
    return -1
