def label(text: str) -> int:
    words = text.lower().split()
    
    # Keywords for great reviews
    great_keywords = [
        'love', 'excellent', 'amazing', 'outstanding', 'perfect', 
        'favorite', 'delicious', 'tasteful', 'delightful', 'enjoyable'
    ]
    
    # Phrases for great reviews
    great_phrases = [
        'best', 'wonderful', 'fantastic', 'amazing', 'outstanding',
        'perfect', 'love', 'excellent', 'amazing', 'outstanding'
    ]
    
    if any(word in great_keywords or phrase in great_phrases for word in words):
        return 1
    
    # Other reviews
    other_keywords = [
        'disappointment', 'but', 'however', 'only', 'wish', 
        'poor', 'bad', 'not good', 'decent'
    ]
    
    other_phrases = [
        'not as pictured', 'stale', 'jelly beans', 'waste of money',
        'lukewarm', 'reserved', 'negative'
    ]
    
    if any(word in other_keywords or phrase in other_phrases for word in words):
        return 0
    
    # No clear evidence
    return -1
