def label(text: str) -> int:
    great_keywords = ['great', 'wholehearted praise', 'no reservation at all']
    other_keywords = [
        'but', 'however', 'only', 'wish',
        'disappointment', 'price or taste problem', 'mild tone'
    ]
    
    text_lower = text.lower()
    
    if any(keyword in text_lower for keyword in great_keywords):
        return 1
    
    if any(keyword in text_lower for keyword in other_keywords):
        return 0
    
    # If no clear evidence, abstain
    return -1
