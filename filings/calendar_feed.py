"""Deadlines as an iCalendar file, for importing into Outlook, Google Calendar or Apple Calendar.

Each report gives three all-day events, so each date shows on its own day with its own
reminder: the report due date, the Form 12b-25 deadline and the grace period end. An event's
UID is made of the registrant, the form, the period and the kind of deadline, so importing a
newer file updates the events instead of adding copies.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from filings.schedule import UpcomingReport
from registrants.models import Registrant

PRODUCT_ID = "-//late-filing//Form 12b-25 deadlines//EN"
UID_DOMAIN = "late-filing"


def _one_line(text: str) -> str:
    """Text for a one-line property (SUMMARY, X-WR-CALNAME): line breaks and other control
    characters become single spaces."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


# Registrants of the same fiscal year share their dates: each is written out once.
@lru_cache(maxsize=4096)
def _long_date(day: date) -> str:
    return f"{day:%A}, {day:%B} {day.day}, {day:%Y}"


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


def _text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 section 3.3.11 asks."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _folded(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545 section 3.1), never inside a character or
    an escape. ASCII lines, nearly all of them, are cut by slicing."""
    if line.isascii():
        if len(line) <= 75:
            return line
        pieces, start, width = [], 0, 75
        while start < len(line):
            end = start + width
            if end < len(line) and line[end - 1] == "\\":
                end -= 1  # keep an escape whole
            pieces.append(line[start:end])
            start, width = end, 74
        return "\r\n ".join(pieces)
    pieces, piece, size = [], "", 0
    for char in line:
        octets = len(char.encode())
        if size + octets > (75 if not pieces else 74) and not piece.endswith("\\"):
            pieces.append(piece)
            piece, size = "", 0
        piece += char
        size += octets
    pieces.append(piece)
    return "\r\n ".join(pieces)


def deadline_calendar(
    *,
    rows: Iterable[tuple[Registrant, UpcomingReport]],
    name: str,
    generated_at: datetime,
    description: str = "",
) -> bytes:
    """An iCalendar file (RFC 5545) named `name` (and described by `description`, if given)
    with three all-day events per (registrant, report) row: "report-due", "notice-due" and
    "grace-end" (the kind ends the event's UID). `generated_at` (aware) is every event's
    DTSTAMP. Written line by line: thousands of registrants make tens of thousands of
    events."""
    stamp = generated_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODUCT_ID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(_one_line(name))}",
    ]
    if description:
        lines.append(f"X-WR-CALDESC:{_text(_one_line(description))}")
    for registrant, report in rows:
        deadlines = report.deadlines
        text = _text(_description(registrant, report))
        registrant_name = _one_line(registrant.name)
        for kind, day, summary in [
            ("report-due", deadlines.report_due, f"Form {report.form_type} due"),
            ("notice-due", deadlines.notice_due, f"Form 12b-25 ({deadlines.edgar_type}) deadline"),
            ("grace-end", deadlines.grace_end, f"Form {report.form_type} grace period ends"),
        ]:
            lines += [
                "BEGIN:VEVENT",
                f"SUMMARY:{_text(f'{summary}: {registrant_name}')}",
                f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
                f"DTSTAMP:{stamp}",
                f"UID:{event_uid(registrant, report, kind)}",
                f"DESCRIPTION:{text}",
                # All-day reminders that do not block time in the user's calendar.
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_folded(line) for line in lines) + "\r\n").encode()
