"""More days EDGAR was closed by executive order on a day that was not a federal holiday, each
with the source that confirms it. Left out for want of such a source: 2024-12-24, and
Inauguration Day (5 U.S.C. 6103(c) gives it to federal employees around Washington for pay and
leave only)."""

from datetime import date

from django.db import migrations

CLOSURE_DAYS = [
    (
        date(2018, 12, 24),
        # Morrison & Foerster, "SEC Division of Corporation Finance Guidance for a Potential
        # Government Shutdown", 2018-12-21: no EDGAR filings accepted on December 24 and 25.
        "Christmas Eve: federal offices closed by Executive Order 13854",
    ),
    (
        date(2019, 12, 24),
        # Cooley PubCo, "EDGAR closed Christmas eve and Christmas day", 2020-12-16: EDGAR
        # closed on Christmas Eve 2020 "just like last year".
        "Christmas Eve: federal offices closed by Executive Order 13900",
    ),
    (
        date(2025, 12, 24),
        # SEC announcement quoted by TheCorporateCounsel.net, December 2025: EDGAR closed
        # December 24 to 26, 2025; filings due then are timely on December 29.
        "Christmas Eve: federal offices closed by executive order of December 18, 2025",
    ),
    (
        date(2025, 12, 26),
        # Same SEC announcement as December 24, 2025.
        "Day after Christmas: federal offices closed by executive order of December 18, 2025",
    ),
]


def add_closure_days(apps, schema_editor):
    SecClosureDay = apps.get_model("filings", "SecClosureDay")
    for day, reason in CLOSURE_DAYS:
        SecClosureDay.objects.get_or_create(date=day, defaults={"reason": reason})


def remove_closure_days(apps, schema_editor):
    SecClosureDay = apps.get_model("filings", "SecClosureDay")
    SecClosureDay.objects.filter(date__in=[day for day, _ in CLOSURE_DAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("filings", "0013_issue13_notice_fields")]

    operations = [migrations.RunPython(add_closure_days, remove_closure_days)]
