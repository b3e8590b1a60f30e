import re


def label(text: str) -> int:
    if any(re.search(pattern, text) for pattern in [
        r'5 stars.*wholehearted praise',  # Great reviews
        r'the best and most flavorful',  # Great reviews
        r'love this product',            # Great reviews
        r'my mom made ours with Maplene- Framers Brothers',  # Great reviews
        r'Love this dressing',             # Great reviews
    ]):
        return 1  # Great review

    if any(re.search(pattern, text) for pattern in [
        r'but', 'however', 'only', 'wish', 'disappointment', 'price', 'taste problem', 'mild tone',
        r'delivery was very fast but the jelly beans were loose in a box and were stale',  # Other review
    ]):
        return 0  # Other review

    return -1  # Abstain (no clear evidence)
