import re


def label_abstract(text: str) -> int:
    diseases = {
        "neoplasms": [
            r"tumor", r"cancer", r"carcinoma", r"lymphoma", r"metastasis",
            "cervix", "ovary", "brain", "lung", "pancreas", "kidney", "stomach",
            "liver", "gallbladder", "small intestine", "large intestine", "esophagus"
        ],
        "digestive system diseases": [
            r"stool", r"diarrhea", r"constipation", r"colon", r"small intestine", r"pancreas",
            r"gallbladder", r"hypertension", r"sugar intolerance", r"diabetes", r"peptic ulcer"
        ],
        "nervous system diseases": [
            r"brain", r"neurological", r"dementia", r"epilepsy", r"stroke", r"seizure",
            r"cerebellum", r"motor neuron", r"sensory neuron", r"gastrointestinal tract"
        ],
        "cardiovascular diseases": [
            r"heart", r"blood pressure", r"arteries", r"anemia", r"hypertension", r"stroke",
            r"arrhythmia", r"coronary artery disease", r"pericardium", r"catheterization"
        ],
        "general pathological conditions": [
            r"heart", r"blood pressure", r"arteries", r"anemia", r"hypertension", r"stroke",
            r"arrhythmia", r"coronary artery disease", r"pericardium", r"catheterization",
            # Add other general pathological conditions here as needed
        ]
    }

    for category, words in diseases.items():
        if any(re.search(word, text.lower()) for word in words):
            return category

    return -1
