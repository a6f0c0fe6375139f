from django.urls import path

from filings import deadline_views

app_name = "deadlines"

urlpatterns = [
    path("preview/", deadline_views.deadline_preview, name="preview"),
    path("calendar.ics", deadline_views.calendar_all, name="calendar"),
    path(
        "registrants/<int:registrant_id>/calendar.ics",
        deadline_views.calendar_registrant,
        name="registrant_calendar",
    ),
]
