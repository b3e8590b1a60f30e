class_id = {
    'other': [r'but', r'however', r'only', r'wish', r'disappointment', r'a price or taste problem', r'mild tone'],
    'great': [r'real-enough', r'very happy to eat them', r'yummy! And are a lot less calories and fat than regular chips', r'to help with sleep and restless legs', r'helping if I feel an anxiety attack (panic attack) coming', r'this is the best Bloody mix I have ever tasted']
}


def label(text: str) -> int:
    for class_name, keywords in class_id.items():
        for keyword in keywords:
            if keyword.lower() in text.lower():
                return 1 if class_name == 'great' else 0
    return -1
