"""The dashboard of coming report deadlines and their iCalendar downloads."""

import gzip
import hashlib
from datetime import date, datetime, timedelta

from django.contrib.auth.decorators import permission_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import re_accepts_gzip as ACCEPTS_GZIP
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string, slugify
from django.views.decorators.gzip import gzip_page

from filings.calendar_feed import deadline_calendar
from filings.deadlines import DeadlineInputError
from filings.document import long_date
from filings.due_dates import (
    DASHBOARD_LISTS_CACHE_SECONDS,
    DASHBOARD_VERSION_KEY,
    dashboard_lists_version,
)
from filings.forms import DeadlinePreviewForm
from filings.schedule import UpcomingReport
from filings.selectors import (
    UPCOMING_CACHE_SECONDS,
    dashboard_lists,
    dashboard_sections,
    notice_deadlines,
    notice_urgency,
    registrant_upcoming_reports,
    registrants_fingerprint,
    sec_closure_days,
    soonest_upcoming_reports,
    today_eastern,
    user_cache_key,
)
from filings.urgency import Urgency, report_urgency
from registrants.access import get_registrant_for_user
from registrants.models import Registrant

DASHBOARD_HORIZON_DAYS = 60
# The dashboard's table of coming report deadlines stops there: a few thousand registrants owe
# thousands of reports in 60 days, and a row weighs over 1 KB (the page stays under 100 KB
# with every list full). Each registrant's page lists all of its own.
DASHBOARD_MAX_REPORTS = 30
# A calendar file is imported once in a while, so it looks a year ahead.
CALENDAR_HORIZON_DAYS = 365
# The calendar of all registrants stops there: a few thousand registrants owe tens of thousands
# of reports a year, more than a calendar program shows usefully.
CALENDAR_MAX_REPORTS = 500
CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _today() -> date:
    """Today in Eastern time (the seam tests replace)."""
    return today_eastern()


def _now() -> datetime:
    """Now (aware); the hours left before 5:30 p.m. Eastern count from it."""
    return timezone.now()


def _calendar_response(rows, *, name: str, filename: str, description: str = "") -> HttpResponse:
    response = HttpResponse(
        deadline_calendar(
            rows=rows, name=name, generated_at=timezone.now(), description=description
        ),
        content_type=CALENDAR_CONTENT_TYPE,
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def with_urgency(rows, *, closures) -> list[tuple[Registrant, UpcomingReport, Urgency]]:
    """Each (registrant, report) of `rows` with how urgent the report's next deadline is now
    (filings.urgency.report_urgency): counted on every page, since the hours left change."""
    now = _now()
    return [
        (registrant, report, report_urgency(report, now=now, closures=closures))
        for registrant, report in rows
    ]


def coming_deadlines(registrants, *, closures: frozenset[date]) -> dict:
    """What templates/filings/upcoming_reports_table.html needs for `registrants` (an iterable
    of Registrant): rows (registrant, report, urgency) due in the next DASHBOARD_HORIZON_DAYS
    days or in their grace period, counted with `closures` (sec_closure_days()), today and
    horizon_days."""
    today = _today()
    rows = registrant_upcoming_reports(
        registrants=registrants,
        today=today,
        horizon_days=DASHBOARD_HORIZON_DAYS,
        closures=closures,
    )
    return {
        "rows": with_urgency(rows, closures=closures),
        "today": today,
        "horizon_days": DASHBOARD_HORIZON_DAYS,
    }


def _kept(found: dict, key: str, compute, seconds: int):
    """The value kept under `key`, as read into `found` (cache.get_many), or else `compute()`,
    kept there for `seconds`."""
    value = found.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def _urgencies_digest(urgencies) -> str:
    """A short digest of rows' urgencies, for the cache key of their rendered HTML."""
    return hashlib.sha256(repr(list(urgencies)).encode()).hexdigest()[:32]


@permission_required("registrants.view_registrant", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Template filings/dashboard.html; context: today, horizon_end, horizon_days, upcoming
    (registrant, report) pairs of the active registrants, the DASHBOARD_MAX_REPORTS due
    soonest, sorted by due date, upcoming_table (their table, templates/filings/
    upcoming_reports_table.html), upcoming_total (how many there are in all), upcoming_until
    (the last one's due date) and calendar_max_reports; and, for users who see notices,
    `sections` (filings.selectors.dashboard_sections: the notices along the lifecycle, each
    list soonest due first) and dashboard_lists (their HTML, templates/filings/
    dashboard_lists.html)."""
    today = _today()
    user = request.user
    closures = sec_closure_days()
    fingerprint = registrants_fingerprint(user, closures=closures)

    # The coming reports are kept in the cache, and so is their table as long as each row's
    # urgency is the same (the minutes left change it): rendering a date a dozen times a row
    # was a third of the page's time. The table offers "Start notice" to those who may.
    # (The purposes name what is kept: the reports and their total, no longer with the table.)
    purpose = (
        "dashboard-upcoming-start" if user.has_perm("filings.add_notice") else "dashboard-upcoming"
    )
    upcoming_key = user_cache_key(purpose=purpose, user=user, today=today, fingerprint=fingerprint)
    # What is kept is read in three round trips to the cache, each key as soon as it is known.
    found = cache.get_many([upcoming_key, DASHBOARD_VERSION_KEY])
    upcoming, upcoming_total = _kept(
        found,
        upcoming_key,
        lambda: soonest_upcoming_reports(
            registrants=Registrant.objects.visible_to(user).filter(is_active=True),
            today=today,
            horizon_days=DASHBOARD_HORIZON_DAYS,
            limit=DASHBOARD_MAX_REPORTS,
            closures=closures,
        ),
        UPCOMING_CACHE_SECONDS,
    )
    upcoming_rows = with_urgency(upcoming, closures=closures)
    table_key = f"{upcoming_key}:{_urgencies_digest(urgency for _, _, urgency in upcoming_rows)}"
    can_see_notices = user.has_perm("filings.view_notice")
    if can_see_notices:
        may_review = user.has_perm("filings.approve_notice") or user.has_perm(
            "filings.return_notice"
        )
        # The lists are kept in the cache until a notice, a filing record, a registrant or a
        # closure day changes (filings.due_dates.dashboard_lists_version), what the user may
        # see changes (the fingerprint) or the day does, and for a minute at most. Their rows'
        # urgency is counted from now on every page; the lists' HTML is kept as long as every
        # row's urgency is the same (the minutes left change it).
        version = found.get(DASHBOARD_VERSION_KEY) or dashboard_lists_version()
        lists_key = user_cache_key(
            purpose=f"dashboard-lists:{may_review}:{version}",
            user=user,
            today=today,
            fingerprint=fingerprint,
        )
        found = cache.get_many([table_key, lists_key])
    else:
        found = cache.get_many([table_key])
    upcoming_table = _kept(
        found,
        table_key,
        lambda: render_to_string(
            "filings/upcoming_reports_table.html",
            {"rows": upcoming_rows, "today": today, "horizon_days": DASHBOARD_HORIZON_DAYS},
            request,
        ),
        UPCOMING_CACHE_SECONDS,
    )
    sections, lists_html = {}, ""
    if can_see_notices:
        lists = _kept(
            found,
            lists_key,
            lambda: dashboard_lists(
                registrants=Registrant.objects.visible_to(user),
                today=today,
                may_review=may_review,
            ),
            DASHBOARD_LISTS_CACHE_SECONDS,
        )
        sections = dashboard_sections(lists, today=today, now=_now(), closures=closures)
        urgencies = (row.urgency for section in sections.values() for row in section.rows)
        lists_html = cache.get_or_set(
            f"{lists_key}:{_urgencies_digest(urgencies)}",
            lambda: render_to_string("filings/dashboard_lists.html", {"sections": sections}),
            DASHBOARD_LISTS_CACHE_SECONDS,
        )
    return render(
        request,
        "filings/dashboard.html",
        {
            "can_see_notices": can_see_notices,
            "sections": sections,
            "dashboard_lists": lists_html,
            "today": today,
            "horizon_days": DASHBOARD_HORIZON_DAYS,
            "horizon_end": today + timedelta(days=DASHBOARD_HORIZON_DAYS),
            "upcoming": upcoming,
            "upcoming_table": upcoming_table,
            "upcoming_total": upcoming_total,
            "upcoming_until": upcoming[-1][1].deadlines.report_due if upcoming else None,
            "calendar_max_reports": CALENDAR_MAX_REPORTS,
        },
    )


@permission_required("filings.view_notice", raise_exception=True)
def deadline_preview(request: HttpRequest) -> HttpResponse:
    """The deadlines panel (template filings/deadline_preview.html) for the report described
    by the query string, as step 1 of the wizard fills in: a fragment the page shows as soon as
    the form, the period end and the filer status are known."""
    form = DeadlinePreviewForm(request.GET)
    form.fields["registrant"].queryset = Registrant.objects.visible_to(request.user)
    deadlines, urgency, message = None, None, ""
    if form.is_valid():
        data = form.cleaned_data
        registrant = data["registrant"]
        filer_status = data["filer_status"] or (registrant and registrant.filer_status)
        # A transition report counts from its transition period end (Rules 13a-10, 15d-10).
        transition = data["is_transition_report"] and data["transition_period_end"] is not None
        try:
            deadlines = notice_deadlines(
                form_type=data["form_type"],
                period_end=data["transition_period_end"] if transition else data["period_end"],
                filer_status=filer_status,
                distribution_date=data["distribution_date"],
                transmission_date=data["transmission_date"],
                erisa=data["is_erisa_plan"],
                transition=transition,
                decision_date=data["transition_decision_date"] if transition else None,
                unit_investment_trust=bool(registrant and registrant.is_unit_investment_trust),
            )
        except DeadlineInputError as error:
            message = str(error)
        if deadlines is not None and not data["is_amendment"]:
            urgency = notice_urgency(deadlines, now=_now())
    return render(
        request,
        "filings/deadline_preview.html",
        {"deadlines": deadlines, "urgency": urgency, "message": message},
    )


@permission_required("registrants.view_registrant", raise_exception=True)
def calendar_all(request: HttpRequest) -> HttpResponse:
    """The deadlines of every active registrant for the coming year, as an .ics download: the
    soonest CALENDAR_MAX_REPORTS reports, the calendar's description saying so when there are
    more (each registrant's own calendar has all of its reports). Hundreds of kilobytes worked
    out from thousands of registrants: kept in the cache, gzipped, until one of them changes
    (user_cache_key), and sent gzipped to the clients that accept it."""
    today = _today()

    def gzipped_calendar() -> bytes:
        rows, total = soonest_upcoming_reports(
            registrants=Registrant.objects.visible_to(request.user).filter(is_active=True),
            today=today,
            horizon_days=CALENDAR_HORIZON_DAYS,
            limit=CALENDAR_MAX_REPORTS,
        )
        description = ""
        if total > len(rows):
            description = (
                f"The {len(rows):,} reports due soonest of {total:,}, to "
                f"{long_date(rows[-1][1].deadlines.report_due)}; each registrant's page offers "
                "the calendar of all its reports."
            )
        calendar = deadline_calendar(
            rows=rows,
            name="Form 12b-25 deadlines",
            generated_at=timezone.now(),
            description=description,
        )
        return compress_string(calendar)

    body = cache.get_or_set(
        user_cache_key(
            purpose="calendar",
            user=request.user,
            today=today,
            fingerprint=registrants_fingerprint(request.user, closures=sec_closure_days()),
        ),
        gzipped_calendar,
        UPCOMING_CACHE_SECONDS,
    )
    response = HttpResponse(content_type=CALENDAR_CONTENT_TYPE)
    # As Django's gzip_page decides (django.middleware.gzip).
    if ACCEPTS_GZIP.search(request.headers.get("accept-encoding", "")):
        response.content = body
        response["Content-Encoding"] = "gzip"
    else:
        response.content = gzip.decompress(body)
    patch_vary_headers(response, ("Accept-Encoding",))
    response["Content-Disposition"] = 'attachment; filename="deadlines.ics"'
    return response


@gzip_page
@permission_required("registrants.view_registrant", raise_exception=True)
def calendar_registrant(request: HttpRequest, registrant_id: int) -> HttpResponse:
    """One registrant's deadlines for the coming year, as an .ics download."""
    registrant = get_registrant_for_user(request.user, registrant_id)
    rows = registrant_upcoming_reports(
        registrants=[registrant], today=_today(), horizon_days=CALENDAR_HORIZON_DAYS
    )
    return _calendar_response(
        rows,
        name=f"Deadlines: {registrant.name}",
        filename=f"deadlines-{slugify(registrant.name) or registrant.pk}.ics",
    )
