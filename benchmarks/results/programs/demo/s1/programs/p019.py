class_id = {
    'greatest': 1,
    'great': 1,
    'best': 1,
}


def label(text: str) -> int:
    if text.lower() in class_id:
        return class_id[text.lower()]
    
    # Improve the function to label inputs like these correctly
    words = [
        "good", "great", "best",
        "sweet", "tangy",
        "minerals", "add",
        "Cpap", "think of happy things",
        "tasty drink"
    ]
    
    for word in words:
        if text.lower().find(word) != -1:
            return 1
    
    return -1
