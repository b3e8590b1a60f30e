def _label_income_as_written(row: dict) -> int:
    age = row['age']
    marital = row['marital']
    occupation = row['occupation']
    
    if age > 50 and marital == "Married-civ-spouse" and occupation == "Sales":
        return 1
    
    if age <= 20 or marital != "Never-married" and occupation not in ["Craft-repair", "Other-service"]:
        return 1
    
    return -1


def label_income(row: dict) -> int:
    """p006 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
