import re


def label_abstract(text: str) -> int:
    def check_neoplasms():
        return re.search(r'cancer|tumor|carcinoma|lymphoma|metastasis', text)

    def check_digestive_system_diseases():
        return re.search(r'stomach|liver|bowel|pancreas|colon', text)

    def check_nervous_system_diseases():
        return re.search(r'brain|nerves|epilepsy|stroke|dementia', text)

    def check_cardiovascular_diseases():
        return re.search(r'heart| arteries|blood pressure|cardiac', text)

    def check_general_pathological_conditions():
        return not any([
            check_neoplasms(),
            check_digestive_system_diseases(),
            check_nervous_system_diseases(),
            check_cardiovascular_diseases()
        ])

    if check_neoplasms():
        return 1
    elif check_digestive_system_diseases():
        return 2
    elif check_nervous_system_diseases():
        return 3
    elif check_cardiovascular_diseases():
        return 4
    else:
        return -1
