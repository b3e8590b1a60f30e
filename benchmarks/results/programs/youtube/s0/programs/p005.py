def label_spam(text: str) -> int:
    if '.subscribe' in text.lower():
        return 1
    if 'linkbucks' in text.lower():
        return 1
    if 'youtube' in text.lower() and 'video' not in text.lower():
        return 1
    if 'eminem' in text.lower() or 'perry' in text.lower():
        return 1
    if 'shuffled while listening to this song.' in text:
        return 1
    if 'illness is spreading!!' in text:
        return 1
    if 'got my dick stuck in an elevator' in text.lower() or 'elevator' in text.lower():
        return 1

    # No clear evidence, abstain
    return -1
