"""The date filters write exactly what Django's `date` filter wrote with the formats they
replace, in the current time zone."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template import engines

django_templates = engines["django"]


def rendered(source: str, value) -> str:
    return django_templates.from_string(source).render({"value": value})


DAYS = [date(2026, 1, 1) + timedelta(days=n) for n in range(0, 365, 17)] + [
    date(999, 12, 31),
    date(2026, 11, 26),
]
# Midnight, before and after noon, the last minute of a day; on both sides of the changes to
# and from daylight saving time in New York (the settings' TIME_ZONE), given in UTC and in
# another zone so that the filters must convert them.
MOMENTS = [
    datetime(2026, 3, 8, 6, 59, tzinfo=ZoneInfo("UTC")),
    datetime(2026, 3, 8, 7, 0, tzinfo=ZoneInfo("UTC")),
    datetime(2026, 11, 1, 5, 30, tzinfo=ZoneInfo("UTC")),
    datetime(2026, 11, 1, 6, 30, tzinfo=ZoneInfo("UTC")),
    datetime(2026, 12, 7, 4, 0, tzinfo=ZoneInfo("UTC")),
    datetime(2026, 12, 7, 5, 0, tzinfo=ZoneInfo("UTC")),
    datetime(2026, 12, 7, 12, 5, tzinfo=ZoneInfo("America/New_York")),
    datetime(2026, 12, 7, 11, 59, tzinfo=ZoneInfo("America/New_York")),
    datetime(2026, 12, 7, 23, 59, tzinfo=ZoneInfo("Asia/Tokyo")),
    datetime(2026, 4, 30, 17, 30, tzinfo=ZoneInfo("Europe/London")),
]


@pytest.mark.parametrize("value", DAYS + MOMENTS)
def test_long_date_writes_what_django_wrote(value):
    assert rendered("{{ value|long_date }}", value) == rendered('{{ value|date:"F j, Y" }}', value)


@pytest.mark.parametrize("value", MOMENTS)
def test_long_datetime_writes_what_django_wrote(value):
    assert rendered("{{ value|long_datetime }}", value) == rendered(
        '{{ value|date:"F j, Y, g:i a" }}', value
    )


def test_an_example_of_each_and_nothing_for_no_date():
    moment = datetime(2026, 4, 30, 19, 5, tzinfo=ZoneInfo("UTC"))
    assert rendered("{{ value|long_date }}", date(2026, 4, 30)) == "April 30, 2026"
    assert rendered("{{ value|long_datetime }}", moment) == "April 30, 2026, 3:05 p.m."
    for nothing in (None, "", "2026-04-30"):
        assert rendered('{{ value|long_date|default:"—" }}', nothing) == "—"
        assert rendered("{{ value|long_datetime }}", nothing) == ""
