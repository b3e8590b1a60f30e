import re


def label_abstract(text: str) -> int:
    classes = {
        "neoplasms": [re.compile(r"leukemia|tumor|carcinoma|lymphoma|metastasis"),
                      re.compile(r"cancer|tumor|carcinoma|lymphoma|metastasis"),
                      re.compile(r"cancer|tumor|carcinoma|lymphoma|metastasis"),
                      re.compile(r"cancer|tumor|carcinoma|lymphoma|metastasis"),
                      re.compile(r"cancer|tumor|carcinoma|lymphoma|metastasis")],
        "digestive system diseases": [re.compile(r"stomach"),
                                    re.compile(r"liver"),
                                    re.compile(r"bowel"),
                                    re.compile(r"pancreas"),
                                    re.compile(r"colon")],
        "nervous system diseases": [re.compile(r"brain"),
                                   re.compile(r"nerves"),
                                   re.compile(r"epilepsy"),
                                   re.compile(r"stroke"),
                                   re.compile(r"dementia")],
        "cardiovascular diseases": [re.compile(r"heart"),
                                  re.compile(r"arteries"),
                                  re.compile(r"blood pressure"),
                                  re.compile(r"cardiac")],
        "general pathological conditions": [re.compile(r"anything not in the other four")]
    }
    
    for key, regex_list in classes.items():
        for regex in regex_list:
            if regex.match(text):
                return key
    
    return -1
