# Recurses forever. Contained by the recursion limit (RecursionError).
def label(text):
    return label(text)
