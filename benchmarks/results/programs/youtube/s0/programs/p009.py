def label_spam(text: str) -> int:
    if not text:
        return -1  # abstain when input is empty
    
    # Check for spam keywords
    if any(word.lower() in 'subscribe me' or word.lower() in 'link' for word in text.split()):
        return 1  # SPAM
    
    # Check for HAM content
    ham_keywords = ['thank you', 'love', 'like', 'rock', 'subscribe']
    if any(keyword in text.lower() for keyword in ham_keywords):
        return 0  # HAM
    
    # If no clear evidence, abstain
    return -1
