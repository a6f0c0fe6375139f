from django.urls import path

from filings import document_views, wizard_views

app_name = "filings"

urlpatterns = [
    path("", wizard_views.notice_list, name="list"),
    path("new/", wizard_views.notice_new, name="new"),
    path("choose/", wizard_views.notice_choices, name="choose"),
    path("<int:notice_id>/", wizard_views.notice_resume, name="resume"),
    path("<int:notice_id>/finalize/", wizard_views.notice_finalize_view, name="finalize"),
    path("<int:notice_id>/edgar/", document_views.notice_edgar_summary, name="edgar_summary"),
    path(
        "<int:notice_id>/restatement-review/",
        wizard_views.notice_restatement_review,
        name="restatement_review",
    ),
    path(
        "<int:notice_id>/confirm-copied-text/",
        wizard_views.notice_confirm_copied_text_view,
        name="confirm_copied_text",
    ),
    path(
        "<int:notice_id>/documents/<slug:kind>/",
        document_views.notice_document_download,
        name="document",
    ),
    path(
        "<int:notice_id>/documents/<slug:kind>/<slug:exhibit>/",
        document_views.notice_document_download,
        name="document",
    ),
    path("<int:notice_id>/<slug:slug>/", wizard_views.notice_step, name="step"),
]
