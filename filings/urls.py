from django.urls import path

from filings import views

app_name = "filings"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("new/", views.notice_new, name="new"),
    path("<int:notice_id>/", views.notice_resume, name="resume"),
    path("<int:notice_id>/finalize/", views.notice_finalize_view, name="finalize"),
    path("<int:notice_id>/edgar/", views.notice_edgar_summary, name="edgar_summary"),
    path(
        "<int:notice_id>/restatement-review/",
        views.notice_restatement_review,
        name="restatement_review",
    ),
    path(
        "<int:notice_id>/confirm-copied-text/",
        views.notice_confirm_copied_text_view,
        name="confirm_copied_text",
    ),
    path(
        "<int:notice_id>/documents/<slug:kind>/",
        views.notice_document_download,
        name="document",
    ),
    path(
        "<int:notice_id>/documents/<slug:kind>/<slug:exhibit>/",
        views.notice_document_download,
        name="document",
    ),
    path("<int:notice_id>/<slug:slug>/", views.notice_step, name="step"),
]
