def label_spam(text: str) -> int:
    keywords = [
        'Best', 'Song', 'EVER 🙌',
        'amazing song',
        'THUMBS UP FOR ROBO GUY BABY',
        'Check out this video on YouTube:',
        '❤️ ❤️ ❤️ ❤️ ❤️❤️❤️❤️',
        'CHECK OUT THIS NEW VIDEO I MADE CALLED &quot;WE LOVE MIND MASTER IT&quot;, THANK U SO MUCH '
    ]
    
    for keyword in keywords:
        if keyword.lower() in text.lower():
            return 1
    
    # If no spam keywords are found, return -1 (abstain)
    return -1
