def label(text: str) -> int:
    if "love" in text.lower() and "coffee" in text.lower():
        return 1
    elif "fast" in text.lower() or "quickly" in text.lower():
        return 1
    elif "whole wheat noodle" in text.lower():
        return 1
    elif "penne" in text.lower():
        return 1
    else:
        return -1
