import re


def label_sms(text: str) -> int:
    patterns = [
        ('http[s]?://', 1),  # spam link
        ('URGENT!', 1),  # spam urgent message
        ('GuaranteED PRIZE', 1),  # spam lottery claim
        ('Premium-rate numbers', 1),  # spam premium-rate number
        ('subscription offers', 1),  # spam subscription offer
        ('prize draw', 1),  # spam prize draw
        ('Winning PRIZE', 1),  # spam winning prize
        ('Congratulations', 1),  # spam congratulations
        (r'URGENT! We are trying to contact U. Todays draw shows that you have won a £800 prize GUARANTEED\. Call 09050001808 from landline\.\. Valid12hrs only', 1),  # spam lottery claim
        (r'Hello lover! How goes that new job? Are you there now? Are you happy? Do you think of me? I wake, my slave and send you a teasing kiss from across the sea', 1)  # spam love message
    ]

    for pattern, class_id in patterns:
        if re.search(pattern, text):
            return class_id

    return 0  # ham message
