import re


def _label_income_as_written(row: dict) -> int:
    hr_per_week = row['hr_per_week']
    
    if hr_per_week >= 40:
        return 1
    else:
        return -1


def label_income(row: dict) -> int:
    """p007 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    # Check for common patterns of high hourly work
    if re.search(r'(\d+)\s*hr\s*\+?\s*(\d+)\s*hr', str(hr_per_week)):
        return 1
    # Check for specific numbers that might indicate high income
    elif hr_per_week >= 45:
        return 1
    else:
        return -1
