import re


def label_spam(text: str) -> int:
    if text.startswith('https://'):
        return 1
    elif re.search(r' advertisement|links', text, re.IGNORECASE):
        return 1
    elif re.search(r'subscribe|visit link', text, re.IGNORECASE):
        return 1
    else:
        return -1


def test_label_spam():
    assert label_spam('You guys should check out this EXTRAORDINARY website called ZONEPA.COM . You can make money online and start working from home today as I am! I am making over $3,000+ per month at ZONEPA.COM ! Visit Z...') == 1
    assert label_spam('Check out  these Irish guys cover  of Avicii&#39;s  Wake Me Up!  Just search...  &quot;wake me up Fiddle Me Silly&quot; Worth a listen  for the gorgeous fiddle player!') == 1
    assert label_spam('if you want to win money at hopme click here\xa0<a href="https://www.paidverts.com/ref/sihaam01">https://www.paidverts.com/ref/sihaam01</a> it&#39;s work 100/100\ufeff') == 1
    assert label_spam('Hey Youtubers and All Music lover&#39;s, Guess most of you all skip these comments, but for you who is still reading this, thanks ! I dont have any money for advertisiments, no chance of getting heard...') == 1
