def label_income(row: dict) -> int:
    age = row['age']
    marital = row['marital']
    occupation = row['occupation']
    
    if age > 50 and marital == "Married-civ-spouse" and occupation == "Sales":
        return 1
    
    if age <= 20 or marital != "Never-married" and occupation not in ["Craft-repair", "Other-service"]:
        return 1
    
    return -1
