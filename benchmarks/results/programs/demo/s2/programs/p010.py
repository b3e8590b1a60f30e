import re


def label(text: str) -> int:
    # Look for phrases indicating high praise without reservation
    if re.search(r'good\s+coffee', text, re.IGNORECASE):
        return 1

    # Check for complaints or negative feedback
    if any(re.search(x, text, re.IGNORECASE) for x in ['disappointed', 'price', 'taste problem', 'mild tone', 'but', 'however', 'only']):
        return 0

    # If no clear evidence, abstain
    return -1
