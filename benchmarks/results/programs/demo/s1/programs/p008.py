def label(text: str) -> int:
    # Define positive keywords for five-star reviews
    positive_keywords = ["love", "taste", "good", "flavor", "delicious"]
    
    # Check if any positive keyword is present in the text
    if any(keyword in text.lower() for keyword in positive_keywords):
        return 1
    
    # Define negative keywords or phrases that are often used with five-star reviews
    negative_keywords = ["waste", "disappointment", "price", "taste problem", "mild tone"]
    
    # Check for negative keywords or phrases
    if any(keyword in text.lower() for keyword in negative_keywords):
        return 0
    
    # If no clear pattern is found, abstain from labeling
    return -1
