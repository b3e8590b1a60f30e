class_id_map = {
    "other": 0,
    "great": 1
}


def label(text: str) -> int:
    keywords_great = [
        'best', 'ever', 'excellent', 'top', 'outstanding'
    ]
    
    keywords_other = [
        'not recommended', 'disappointing', 'poor', 'bad', 'waste', 'less than ideal',
        'satisfied', 'like', 'enjoyed', 'preferred', 'prefer', 'appreciate', 
        'high quality', 'great taste', 'delicious'
    ]

    if any(keyword in text.lower() for keyword in keywords_great):
        return class_id_map["great"]
    
    elif any(keyword in text.lower() for keyword in keywords_other):
        return class_id_map["other"]

    # If no clear indication, abstain
    return -1
