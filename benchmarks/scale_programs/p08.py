def label_spam(text):
    """HAM when the comment mentions a year or views, typical of fans ("who is here in 2015")."""
    lowered = text.lower()
    if "views" in lowered or any(str(year) in lowered for year in range(2010, 2016)):
        return 0
    return -1
