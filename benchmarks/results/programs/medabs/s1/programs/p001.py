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
    
    # Check each sentence for a match to any disease category
    for sentence in sentences:
        # Remove leading and trailing whitespaces, convert to lowercase
        sentence = sentence.strip().lower()
        
        # Split the sentence into words
        words = sentence.split()
        
        # Check if any word matches a disease name or abbreviation
        for word in words:
            if word in diseases:
                return diseases[word]
    
    # If no clear evidence is found, abstain (return -1)
    return -1
