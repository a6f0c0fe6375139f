"""Deadlines as an iCalendar file, for importing into Outlook, Google Calendar or Apple Calendar.

Each report gives three all-day events, so each date shows on its own day with its own
reminder: the report due date, the Form 12b-25 deadline and the grace period end. An event's
UID is made of the registrant, the form, the period and the kind of deadline, so importing a
newer file updates the events instead of adding copies.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event, vText

from filings.schedule import UpcomingReport
from registrants.models import Registrant

PRODUCT_ID = "-//late-filing//Form 12b-25 deadlines//EN"
UID_DOMAIN = "late-filing"


def _one_line(text: str) -> str:
    """Text for a one-line property (SUMMARY, X-WR-CALNAME): line breaks and other control
    characters become single spaces. icalendar escapes a line break only in properties it knows
    as TEXT, and refuses (with an assertion) a content line holding one anywhere else."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _description(registrant: Registrant, report: UpcomingReport) -> str:
    deadlines = report.deadlines
    return "\n".join(
        [
            f"{registrant.name}: {report.description} on Form {report.form_type} for the "
            f"period ended {_long_date(report.period_end)}.",
            f"Report due: {_long_date(deadlines.report_due)}.",
            f"Form 12b-25 ({deadlines.edgar_type}) due: {_long_date(deadlines.notice_due)}.",
            f"Grace period under Rule 12b-25(b) ({deadlines.grace_days} days) ends: "
            f"{_long_date(deadlines.grace_end)}.",
        ]
    )


def event_uid(registrant: Registrant, report: UpcomingReport, kind: str) -> str:
    return (
        f"registrant-{registrant.pk}-{report.form_type}-{report.period_end:%Y%m%d}-{kind}"
        f"@{UID_DOMAIN}"
    )


def deadline_calendar(
    *,
    rows: Iterable[tuple[Registrant, UpcomingReport]],
    name: str,
    generated_at: datetime,
) -> bytes:
    """An iCalendar file (RFC 5545) named `name` with three all-day events per (registrant,
    report) row: "report-due", "notice-due" and "grace-end" (the kind ends the event's UID).
    `generated_at` (aware) is every event's DTSTAMP."""
    feed = Calendar()
    feed.add("prodid", PRODUCT_ID)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", vText(_one_line(name)))
    for registrant, report in rows:
        deadlines = report.deadlines
        description = _description(registrant, report)
        for kind, day, summary in [
            ("report-due", deadlines.report_due, f"Form {report.form_type} due"),
            ("notice-due", deadlines.notice_due, f"Form 12b-25 ({deadlines.edgar_type}) deadline"),
            ("grace-end", deadlines.grace_end, f"Form {report.form_type} grace period ends"),
        ]:
            event = Event()
            event.add("uid", event_uid(registrant, report, kind))
            event.add("dtstamp", generated_at)
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add("summary", _one_line(f"{summary}: {registrant.name}"))
            event.add("description", description)
            # All-day reminders that do not block time in the user's calendar.
            event.add("transp", "TRANSPARENT")
            feed.add_component(event)
    return feed.to_ical()
