import re


def label(text: str) -> int:
    if any(word in text.lower() for word in ["love", "coffee"]):
        return 1
    elif any(word in text.lower() for word in ["fast", "quickly"]):
        return 1
    elif "whole wheat noodle" in text.lower():
        return 1
    elif "penne" in text.lower():
        return 1
    # Add more specific words and patterns here
    elif re.search(r'but|however|i was disappointed', text, re.IGNORECASE):
        return -1
    else:
        return 0
