"""The two ways pages and e-mails write a date, as template filters (TEMPLATES' builtins, so no
template loads them): `long_date`, "April 30, 2026" (Django's `date:"F j, Y"`), and
`long_datetime`, "April 30, 2026, 3:05 p.m." (`date:"F j, Y, g:i a"`), in the current time
zone like Django's `date` filter. Written out because Django's filter reads its format string
letter by letter on every call: a notice list of 25 rows spent more than half of its table's
rendering on its 50 dates."""

from datetime import date, datetime

from django import template

from filings.document import long_date as document_long_date

register = template.Library()


@register.filter(expects_localtime=True)
def long_date(value: date | None) -> str:
    if not isinstance(value, date):
        return ""
    return document_long_date(value)


@register.filter(expects_localtime=True)
def long_datetime(value: datetime | None) -> str:
    if not isinstance(value, datetime):
        return ""
    hour = value.hour % 12 or 12
    meridiem = "p.m." if value.hour >= 12 else "a.m."
    return f"{document_long_date(value)}, {hour}:{value.minute:02d} {meridiem}"
