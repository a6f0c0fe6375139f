"""How urgent a deadline is, in business days and hours, in words a busy preparer reads at a
glance. Pure: the deadline, "now" and the SEC closure days come in as arguments."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import holidays

from filings.deadlines import (
    EASTERN,
    EDGAR_SAME_DAY_CUTOFF,
    business_days_after,
    is_business_day,
    next_business_day,
)
from filings.schedule import ReportStatus, UpcomingReport

PASSED = "passed"
TODAY = "today"
NEXT_BUSINESS_DAY = "next_business_day"
SOON = "soon"  # at most SOON_BUSINESS_DAYS business days away
LATER = "later"
SOON_BUSINESS_DAYS = 3


@dataclass(frozen=True)
class Urgency:
    """`level` (PASSED, TODAY, NEXT_BUSINESS_DAY, SOON, LATER) and `words`;
    `business_days` left (negative once passed) and, until the cutoff passes, `hours_left`
    to 5:30 p.m. Eastern on the deadline day."""

    level: str
    words: str
    business_days: int
    hours_left: int | None


def _hours(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def _days_off_between(start: date, end: date, closures: Collection[date]) -> list[str]:
    """The names of the weekdays off strictly between `start` and `end` (holidays, SEC
    closure days)."""
    names, day = [], start + timedelta(days=1)
    while day < end:
        if day.weekday() < 5 and not is_business_day(day, closures):
            # filings.deadlines decides which days are off; the library only names them.
            names.append(holidays.US(years=day.year).get(day) or "an SEC closure day")
        day += timedelta(days=1)
    return names


def urgency(*, deadline: date, now: datetime, closures: Collection[date]) -> Urgency:
    """How urgent a filing due on `deadline` is at `now` (aware). A filing is on time when
    EDGAR receives it by 5:30 p.m. Eastern on the deadline day (Regulation S-T Rule 13(a)(2)),
    so the day's last hours count down to that cutoff, and the next business day is named
    with any holiday in between (the day before Thanksgiving, the next business day is
    Friday)."""
    if now.tzinfo is None:
        raise ValueError("`now` must be an aware datetime.")
    eastern = now.astimezone(EASTERN)
    today = eastern.date()
    cutoff = datetime.combine(deadline, EDGAR_SAME_DAY_CUTOFF, tzinfo=EASTERN)
    if eastern > cutoff:
        late = business_days_after(deadline, today, closures)
        if late == 0:
            words = "Overdue: 5:30 p.m. Eastern passed today"
        else:
            words = (
                f"Overdue: the deadline passed {late} business day{'s' if late != 1 else ''} ago"
            )
        return Urgency(PASSED, words, -late, None)
    left = cutoff - eastern
    hours_left = int(left.total_seconds() // 3600)
    if deadline == today:
        return Urgency(
            TODAY, f"Due today: {_hours(left)} left before 5:30 p.m. Eastern", 0, hours_left
        )
    days = business_days_after(today, deadline, closures)
    when = f"{deadline:%A}, {deadline:%B} {deadline.day}"
    if deadline == next_business_day(today, closures):
        days_off = _days_off_between(today, deadline, closures)
        between = f" ({' and '.join(days_off)} in between)" if days_off else ""
        return Urgency(
            NEXT_BUSINESS_DAY,
            f"Due the next business day, {when}{between}, 5:30 p.m. Eastern",
            days,
            hours_left,
        )
    level = SOON if days <= SOON_BUSINESS_DAYS else LATER
    return Urgency(level, f"{days} business days left: due {when}", days, hours_left)


def report_urgency(report: UpcomingReport, *, now: datetime, closures: Collection[date]) -> Urgency:
    """How urgent the next deadline of a coming report is: its due date; once that has passed,
    the notice deadline of Form 12b-25 (Rule 12b-25(b)); then the end of the grace period, by
    when the report must be filed to be deemed filed on time."""
    deadline = {
        ReportStatus.DUE: report.deadlines.report_due,
        ReportStatus.OVERDUE: report.deadlines.notice_due,
        ReportStatus.GRACE_PERIOD: report.deadlines.grace_end,
    }[report.status]
    return urgency(deadline=deadline, now=now, closures=closures)
