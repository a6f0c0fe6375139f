from django.urls import path

from filings import document_views, lifecycle_views, record_views, signing_views, wizard_views

app_name = "filings"

urlpatterns = [
    path("", wizard_views.notice_list, name="list"),
    path("new/", wizard_views.notice_new, name="new"),
    path("choose/", wizard_views.notice_choices, name="choose"),
    path("<int:notice_id>/", wizard_views.notice_resume, name="resume"),
    path("<int:notice_id>/move/<slug:move>/", lifecycle_views.notice_move, name="move"),
    path("<int:notice_id>/history/", lifecycle_views.notice_history_page, name="history"),
    path(
        "<int:notice_id>/filing-record/",
        record_views.notice_record_filing_view,
        name="record_filing",
    ),
    path(
        "<int:notice_id>/report-record/",
        record_views.notice_record_report_view,
        name="record_report",
    ),
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
    path(
        "<int:notice_id>/authentication/",
        signing_views.notice_authentication_download,
        name="authentication",
    ),
    path(
        "<int:notice_id>/authentication/upload/",
        signing_views.notice_authentication_upload,
        name="authentication_upload",
    ),
    path("<int:notice_id>/sign/pdf/", signing_views.notice_signing_pdf, name="signing_pdf"),
    path("<int:notice_id>/sign/<int:signer_id>/", signing_views.notice_sign_page, name="sign"),
    path("attestations/", signing_views.attestation_list, name="attestations"),
    path("attestations/<int:user_id>/", signing_views.attestation_download, name="attestation"),
    path(
        "attestations/<int:user_id>/upload/",
        signing_views.attestation_upload_view,
        name="attestation_upload",
    ),
    path("<int:notice_id>/<slug:slug>/", wizard_views.notice_step, name="step"),
]
