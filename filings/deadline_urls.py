from django.urls import path

from filings import deadline_views

app_name = "deadlines"

urlpatterns = [
    path("calendar.ics", deadline_views.calendar_all, name="calendar"),
    path(
        "registrants/<int:registrant_id>/calendar.ics",
        deadline_views.calendar_registrant,
        name="registrant_calendar",
    ),
]
