def label(text: str) -> int:
    if "no return or credit option" in text or "Won't buy it again" in text:
        return 0
    elif "the BEST pancakes I have had!!" in text:
        return 1
    elif "Good product, will order again." in text:
        return 1
    elif "I tried this product on a whim, having remembered ages ago buying Kinder eggs and other Kinder products in Canada and enjoying them. This is an excellent produ..." in text:
        return 1
    elif "Horseradish is not in the first three ingredients. It is seventh. It is good, however I have seen Horseradish Sauce (the Heinz Horseradish Sauce that I also pur..." in text:
        return 0
    elif "This is an excellent produ..." in text:
        return 1
    elif "In May we adopted a rescued thin, sickly 2-1/2 y..." in text:
        return 0
    elif "Order this product if you want the best for your baking needs, or for any recipe that calls for the richness of a natural brown sugar.  You will notice the diff..." in text:
        return 1
    else:
        return -1
