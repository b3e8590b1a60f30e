def label_income(row: dict) -> int:
    keywords = {
        'private': 1, 'self-emp-inc': 0, 'local-gov': 1,
        'exec-managerial': 1, 'prof-specialty': 1, 'craft-repair': 1,
        'never-married': 0, 'divorced': 0, 'married-civ-spouse': 1,
        'married-spouse-absent': 0
    }
    
    keywords_lower = {key.lower(): val for key, val in keywords.items()}
    
    education_keywords = {
        'high school': 0, 'college': 0, 'university': 0,
        'bachelor': 1, 'master': 2, 'doctorate': 3
    }
    
    education_keywords_lower = {key.lower(): val for key, val in education_keywords.items()}
    
    relationship_keywords = {
        'husband': 1, 'wife': 1, 'own-child': 0, 'not-in-family': 0
    }
    
    relationship_keywords_lower = {key.lower(): val for key, val in relationship_keywords.items()}
    
    sex_keywords = {
        'male': 0, 'female': 1
    }
    
    sex_keywords_lower = {key.lower(): val for key, val in sex_keywords.items()}
    
    type_employer_keywords = {
        'private': 1, 'self-emp-inc': 0, 'federal-gov': 1
    }
    
    type_employer_keywords_lower = {key.lower(): val for key, val in type_employer_keywords.items()}
    
    capital_gain_keywords = {
        'no gain': 0, 'loss': 0, 'gain': 1
    }
    
    capital_gain_keywords_lower = {key.lower(): val for key, val in capital_gain_keywords.items()}
    
    capital_loss_keywords = {
        'no loss': 0, 'loss': 0, 'gain': -1
    }
    
    capital_loss_keywords_lower = {key.lower(): val for key, val in capital_loss_keywords.items()}
    
    hr_per_week_keywords = {
        'under 30': 0, '30-60': 1, '60-90': 2, 'above 90': 3
    }
    return -1
