import re


def _label_income_as_written(row: dict) -> int:
    age = row['age']
    hr_per_week = row['hr_per_week']

    if age < 30 and hr_per_week > 45:
        return 1  # This is a heuristic based on common knowledge about income levels
    else:
        return -1  # Abstain when no clear evidence can be made


def label_income(row: dict) -> int:
    """p009 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    # Check for specific patterns or words in the income data
    if re.search(r'\b(\d{2,3}\.\d{2})\b', str(row['age'])):
        # If age is a two decimal number, it's likely to be less than 50K
        return 1
    elif re.search(r'\b(\d{2,3})\b', str(row['hr_per_week'])):
        # If hr_per_week is a two decimal number, it could be more than 50K
        return -1
    else:
        return -1  # Abstain if no strong evidence can be made
