def label_income(row: dict) -> int:
    keywords = [
        'low', 'entry-level', 'junior', 'intern',
        'worker', 'employee', 'staff', 'clerk', 'hourly',
        'unskilled', 'semi-skilled', 'manual laborer',
        'factory worker', 'machine operator', 'service worker'
    ]
    
    phrases = [
        'single', 'widow', 'divorced', 'separated', 'custodial parent',
        'mother', 'father', 'grandparent', 'nobody', 'childless',
        'unmarried', 'unknown', 'missing', 'not specified'
    ]
    
    education_classes = {
        'HS-grad': 0, 'Bachelors': 1, 'Masters': 2, 'Doctorate': 3
    }
    
    income_classes = {0: '<=50K', 1: '>50K'}
    
    # Check if the keywords or phrases are in the row values
    for key in ['education', 'occupation', 'relationship', 'marital', 'race']:
        if key in row and any(word.lower() in row[key].lower() for word in keywords):
            return income_classes[1]
    
    # Check if the education level is high enough
    if 'education_num' in row and education_classes[row['education_num']] >= 2:
        return income_classes[1]
    
    # Check if the occupation involves manual labor or service work
    if 'occupation' in row and (any(word.lower() in row['occupation'].lower() for word in ['manual', 'service']) or row['relationship'] in phrases):
        return income_classes[1]
    
    # Check if the marital status is single, widowed, divorced, or separated
    if 'marital' in row and any(word.lower() in row['marital'].lower() for word in ['single', 'widow', 'divorced', 'separated']):
        return income_classes[1]
    
    # Check if the race is white or black (for US census data)
    if 'race' in row and (row['race'] == 'White' or row['race'] == 'Black'):
        return income_classes[1]
    
    # If no clear evidence, abstain
    return -1
