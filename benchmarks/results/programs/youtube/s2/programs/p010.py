import re


def label_spam(text: str) -> int:
    # Check if the text contains a link to YouTube or Wattpad
    if re.search(r'https?://(?:www\.)?youtube\.com|wattpad\.com', text):
        return 1  # Spam
    
    # Check for advertising, self-promotion, requests to subscribe or visit a link
    spam_keywords = ['Subscribe to me plz plz plz plz plz plZ ', 'Check out this video on YouTube:', 
                   'Check out this playlist on YouTube:hbbhhhgh', 'http://www.wattpad.com/story/26032883-she-can-love-you-good']
    for keyword in spam_keywords:
        if re.search(re.escape(keyword), text):
            return 1  # Spam
    
    # If no clear evidence of spam, return HAM
    return 0
