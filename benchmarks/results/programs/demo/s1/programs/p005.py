class_id = {
    'greatest': 1,
    'great': 1,
    'best': 1,
}


def label(text: str) -> int:
    if text.lower() in class_id:
        return class_id[text.lower()]
    
    # Add more keywords and phrases as needed for other classes
    if 'good' in text.lower():
        return 1

    return -1
