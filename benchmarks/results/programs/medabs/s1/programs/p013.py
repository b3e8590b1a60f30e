import re


def label_abstract(text: str) -> int:
    # Split the text into sentences
    sentences = text.split('.')
    
    # Define a list of diseases and their categories
    diseases = {
        'cancer': 1,
        'tumor': 1,
        'carcinoma': 1,
        'lymphoma': 1,
        'metastasis': 1,
        'stomach': 2,
        'liver': 2,
        'bowel': 2,
        'pancreas': 2,
        'colon': 2,
        'brain': 3,
        'nerves': 3,
        'epilepsy': 3,
        'stroke': 3,
        'dementia': 3,
        'heart': 4,
        'arteries': 4,
        'blood pressure': 4,
        'cardiac': 4,
        'general pathological conditions': 5
    }
    
    # Define patterns for specific diseases and their categories
    disease_patterns = {
        r'\b(neoplasms)\b': 1,
        r'\b(digestive system diseases)\b': 2,
        r'\b(cardiovascular diseases)\b': 4,
        r'\b(general pathological conditions)\b': 5,
        r'\b(nervous system diseases)\b': 3
    }
    
    # Check each sentence for a match to any disease category or pattern
    for sentence in sentences:
        # Remove leading and trailing whitespaces, convert to lowercase
        sentence = sentence.strip().lower()
        
        # Split the sentence into words
        words = sentence.split()
        
        # Check if any word matches a disease name or abbreviation
        for word in words:
            if word in diseases:
                return diseases[word]
        
        # Check if any word matches a pattern that indicates a specific disease category
        for pattern, category in disease_patterns.items():
            if re.search(pattern, sentence):
                return category
    
    # If no clear evidence is found, abstain (return -1)
    return -1
