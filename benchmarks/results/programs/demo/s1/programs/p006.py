import re


def label(text: str) -> int:
    if re.search(r'Won\'t buy it again', text):
        return 0
    
    if re.search(r'gum doesn\'t stick to paper, long flavor, yummy, quick fix on having sugar if needed, good product, will order again.', text):
        return 1
    
    if re.search(r'The package came as promised.\nPacking: the packing was good and not damaged.\nProduct: i had been looking for these airline cookies for a while now and...', text):
        return 1
    
    if re.search(r'Hormel Premium Chicke...', text):
        return 1
    
    if re.search(r'Oh, yum!!  These are the BEST pancakes I have had!!  I wish all Gluten-free food could be this good!', text):
        return 1
    
    return -1
