def label_abstract(text: str) -> int:
    # List of classes for reference
    classes = ["neoplasms", "digestive system diseases", "nervous system diseases", "cardiovascular diseases", "general pathological conditions"]
    
    # Dictionary to map words in the text to their corresponding disease category
    word_to_class = {
        "cancer": 1,
        "tumor": 1,
        "carcinoma": 1,
        "lymphoma": 1,
        "metastasis": 1,
        "stomach": 2,
        "liver": 2,
        "bowel": 2,
        "pancreas": 2,
        "colon": 2,
        "brain": 3,
        "nerves": 3,
        "epilepsy": 3,
        "stroke": 3,
        "dementia": 3,
        "heart": 4,
        " arteries": 4,
        "blood pressure": 4,
        "cardiac": 4,
    }
    
    # Find the first occurrence of a word that maps to a disease category
    for word in text.split():
        if word.lower() in word_to_class:
            return word_to_class[word.lower()]
    
    # If no clear evidence, abstain
    return -1
