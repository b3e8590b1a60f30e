import re


def label(text: str) -> int:
    # Check if the review contains phrases indicating a high level of satisfaction
    if re.search(r'love', text.lower()) and not re.search(r'despite', text.lower()):
        return 1
    elif re.search(r'taste', text.lower()) or re.search(r'sweet', text.lower()) or re.search(r'hot', text.lower()):
        return 1
    # Check if the review contains phrases indicating a low level of satisfaction or a complaint
    elif re.search(r'but', text.lower()) or re.search(r'however', text.lower()) or re.search(r'only', text.lower()) or \
         re.search(r'wish', text.lower()) or re.search(r'disappoint', text.lower()) or re.search(r'a price', text.lower()) or \
         re.search(r'taste', text.lower()) or re.search(r'sweet', text.lower()) or re.search(r'hot', text.lower()):
        return -1
    # Check if the review contains phrases indicating a mild tone without any strong positive/negative indicators
    elif re.search(r'ok', text.lower()) or re.search(r'good', text.lower()) or re.search(r'decent', text.lower()):
        return 0
    else:
        return -1
