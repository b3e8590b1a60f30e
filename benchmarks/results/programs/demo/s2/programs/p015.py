def label(text: str) -> int:
    positive_keywords = [
        'great', 'excellent', 'love', 'superb',
        'delicious', 'yum', 'tasty', 'enjoyable'
    ]
    
    negative_keywords = [
        'bad', 'disappointing', 'worse', 'worst',
        'not good', 'yucky', 'awful', 'terrible'
    ]
    
    positive_phrases = [
        'excellent product', 'wholehearted praise', 'no reservation at all',
        'love this', 'this is amazing', 'the best ever'
    ]
    
    negative_phrases = [
        'disappointed', 'not good', 'worse', 'terrible', 
        'bad product', 'subpar', 'poor quality'
    ]
    
    # Check for strong positive phrases
    if any(phrase in text.lower() for phrase in positive_phrases):
        return 1
    
    # Check for strong negative phrases
    elif any(phrase in text.lower() for phrase in negative_phrases):
        return -1
    
    # Check for strong positive keywords
    elif any(keyword in text.lower() for keyword in positive_keywords):
        return 1
    
    # Check for strong negative keywords
    elif any(keyword in text.lower() for keyword in negative_keywords):
        return -1
    
    # If no clear sentiment, return abstain (0)
    return 0
