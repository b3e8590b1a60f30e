def label(text: str) -> int:
    if "wished" in text.lower():
        return 0
    elif "disappointed" in text.lower() or "but" in text.lower() or "however" in text.lower() or \
         "only" in text.lower() or "wish" in text.lower() or "price" in text.lower() or "taste" in text.lower():
        return 0
    elif "great" in text.lower() or "awesome" in text.lower() or "tender" in text.lower() or \
         "just right" in text.lower() or "recommended" in text.lower():
        return 1
    else:
        return -1
