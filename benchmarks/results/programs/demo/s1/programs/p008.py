other_class = {'not', 'bad', 'horrible', 'terrible', 'disappointing', 'sucks', 'waste', 'poor', 'boring'}


great_class = {'excellent', 'love', 'best', 'wonderful', 'amazing', 'delicious', 'superior'}


def label(text: str) -> int:
    # Convert to lowercase for case-insensitive comparison
    text_lower = text.lower()
    
    # Check if the review contains any keywords from the other class
    if any(word in text_lower for word in other_class):
        return 0
    
    # Check if the review contains any keywords from the great class
    elif any(word in text_lower for word in great_class):
        return 1
    
    # If no clear evidence is found, abstain (return -1)
    else:
        return -1
