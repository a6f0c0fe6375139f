from django.urls import path

from filings import views

app_name = "filings"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("new/", views.notice_new, name="new"),
    path("<int:notice_id>/", views.notice_resume, name="resume"),
    path("<int:notice_id>/pdf/", views.notice_pdf, name="pdf"),
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
        "<int:notice_id>/edgar/<str:extension>/",
        views.notice_edgar_document,
        name="edgar_document",
    ),
    path(
        "<int:notice_id>/files/third-party-statement/",
        views.notice_third_party_statement,
        name="third_party_statement",
    ),
    path(
        "<int:notice_id>/files/signers/<int:signer_id>/evidence-of-authority/",
        views.notice_evidence_of_authority,
        name="evidence_of_authority",
    ),
    path("<int:notice_id>/<slug:slug>/", views.notice_step, name="step"),
]
