def label(text: str) -> int:
    if "Teavana" in text and "false advertising" in text:
        return 0
    elif "hot sauce" in text and "habanero peppers and carrots" in text:
        return 1
    elif "great boost of energy" in text and "healthy energy drink" in text:
        return 1
    elif "baby back ribs" in text and "Masterpiece Hot'n Spicy" in text:
        return 1
    elif "light with no bitter after tastes" in text and "milder blend for an evening d..." in text:
        return 1
    else:
        return -1
