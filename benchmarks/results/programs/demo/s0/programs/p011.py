import re


positive_keywords = [
    "love", "delicious", "flavorful", "tasty", "wholehearted praise",
    "great", "incredible", "excellent", "amazing", "outstanding"
]


negative_keywords = [
    "disappointing", "worse", "bad", "not good", "unfavorable", "not recommended",
    "complaint", "but", "however", "only", "wish", "price", "taste problem", "mild tone", "ok", "good", "decent"
]


def label(text: str) -> int:
    text = text.lower()
    
    # Check for positive keywords
    if any(re.search(keyword, text) for keyword in positive_keywords):
        return 1
    
    # Check for negative keywords
    if any(re.search(keyword, text) for keyword in negative_keywords):
        return -1
    
    # If no clear evidence, abstain
    return -1
