def label_abstract(text: str) -> int:
    diseases = {
        "cancer", "tumor", "carcinoma", "lymphoma", "metastasis",
        "stomach", "liver", "bowel", "pancreas", "colon",
        "brain", "nerves", "epilepsy", "stroke", "dementia",
        "heart", " arteries", "blood pressure", "cardiac",
        "myocardial", "contractile", "electrical", "function"
    }
    
    keywords = {
        "acute myeloid leukemia", "molecular biology of acute myeloid leukemia",
        "proto-oncogene expression and function in normal and neoplastic myeloid cells",
        "proto-oncogenes and suppressor g...",
        "psychological outcomes of different treatment policies in women with early breast cancer outside a clinical trial OBJECTIVES--To assess outside a clinical trial...",
        "enhanced utilization of exogenous glucose improves cardiac function in hypoxic rabbit ventricle without increasing total glycolytic flux. The effects of elevate...",
        "Therapy of ischemic cardiomyopathy with pentoxifylline. Abnormal blood rheology is a known characteristics of coronary artery disease. The authors evaluated the...",
        "Chronic calcium channel blockade prevents the progression of myocardial contractile and electrical dysfunction in the cardiomyopathic Syrian hamster",
        "Plasma antiepileptic drug concentrations during pregnancy. Steady-state plasma antiepileptic drug (AED) concentrations were measured at intervals throughout pre...",
        "Lymphokine-activated killer (LAK) cells. V. 8-Mercaptoguanosine as an IL-2-sparing agent in LAK generation",
        "Comparison of two ascitic fluid culture methods in cirrhotic patients with spontaneous bacterial peritonitis. The conventional method of ascitic fluid culture...",
        "Right ventricular systolic function during exercise with and without significant coronary artery disease. To evaluate the effects of exercise and coronary arter...",
        "Plasma therapy for severe hemolytic-uremic syndrome in children in Atlantic Canada. Clinical reports have suggested that therapy with fresh frozen plasma is a u...",
        "Invasive papillary carcinoma of the breast: mammographic appearance. The mammographic findings in 18 patients with invasive papillary carcinoma were studied ret..."
    }
    return -1
