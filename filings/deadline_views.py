"""The dashboard of coming report deadlines and their iCalendar downloads."""

from datetime import date, timedelta

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify

from filings.calendar_feed import deadline_calendar
from filings.deadlines import EASTERN
from filings.selectors import registrant_upcoming_reports
from registrants.models import Registrant

DASHBOARD_HORIZON_DAYS = 60
# A calendar file is imported once in a while, so it looks a year ahead.
CALENDAR_HORIZON_DAYS = 365


def _today() -> date:
    """Today in Eastern time, where SEC deadlines are counted."""
    return timezone.localdate(timezone=EASTERN)


def _calendar_response(rows, *, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        deadline_calendar(rows=rows, name=name, generated_at=timezone.now()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission_required("registrants.view_registrant", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Template filings/dashboard.html; context: today, horizon_end, horizon_days, upcoming
    (registrant, report) pairs of the active registrants, sorted by due date."""
    today = _today()
    upcoming = registrant_upcoming_reports(
        registrants=Registrant.objects.filter(is_active=True),
        today=today,
        horizon_days=DASHBOARD_HORIZON_DAYS,
    )
    return render(
        request,
        "filings/dashboard.html",
        {
            "today": today,
            "horizon_days": DASHBOARD_HORIZON_DAYS,
            "horizon_end": today + timedelta(days=DASHBOARD_HORIZON_DAYS),
            "upcoming": upcoming,
        },
    )


@permission_required("registrants.view_registrant", raise_exception=True)
def calendar_all(request: HttpRequest) -> HttpResponse:
    """The deadlines of every active registrant for the coming year, as an .ics download."""
    rows = registrant_upcoming_reports(
        registrants=Registrant.objects.filter(is_active=True),
        today=_today(),
        horizon_days=CALENDAR_HORIZON_DAYS,
    )
    return _calendar_response(rows, name="Form 12b-25 deadlines", filename="deadlines.ics")


@permission_required("registrants.view_registrant", raise_exception=True)
def calendar_registrant(request: HttpRequest, registrant_id: int) -> HttpResponse:
    """One registrant's deadlines for the coming year, as an .ics download."""
    registrant = get_object_or_404(Registrant, pk=registrant_id)
    rows = registrant_upcoming_reports(
        registrants=[registrant], today=_today(), horizon_days=CALENDAR_HORIZON_DAYS
    )
    return _calendar_response(
        rows,
        name=f"Deadlines: {registrant.name}",
        filename=f"deadlines-{slugify(registrant.name) or registrant.pk}.ics",
    )
