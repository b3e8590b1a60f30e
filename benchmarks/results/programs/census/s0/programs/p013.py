def _label_income_as_written(row: dict) -> int:
    keywords_high = [
        "exec", "man", "mgr", "executive", "manager", "principal",
        "professional", "doctor", "medicine", "lawyer", "judge", "attorney",
        "educator", "teacher", "professor", "researcher", "engineer",
        "scientist", "physician", "surgeon", "nurse", "midwife",
        "homemaker", "retired", "elderly", "senior", "senate", "assembly"
    ]
    
    keywords_low = [
        "entry-level", "associate", "junior", "junior level",
        "freshman", "sophomore", "junior", "senior",
        "lower", "middle", "upper", "low", "high",
        "freshmen", "juniors", "sophomores", "undergraduates"
    ]
    
    keywords_high_education = [
        "bachelor's", "master's", "doctorate", "phd", "md", "ms", "doctoral",
        "professor", "researcher", "engineer", "scientist", "physician", "surgeon"
    ]
    
    keywords_low_education = [
        "high school", "college", "university", "graduation", "college degree",
        "undergraduate", "master's", "phd", "masters", "doctoral",
        "professor", "researcher", "engineer", "scientist", "physician", "surgeon"
    ]
    
    if row['age'] < 30 and row['education_num'] == 9:
        return 1
    elif row['type_employer'] == 'Federal-gov':
        return 1
    elif row['capital_gain'] > 50000 or row['capital_loss'] > 50000:
        return 1
    elif row['education_num'] in [13, 14, 16]:
        if any(word.lower() in row['occupation'].lower() for word in keywords_high):
            return 1
        elif any(word.lower() in row['occupation'].lower() for word in keywords_low):
            return 0
    return -1


def label_income(row: dict) -> int:
    """p007 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_income_as_written(row)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
