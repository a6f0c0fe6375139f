"""A file replaced, cleared or left without its signer is deleted from storage once the save
has committed; a file a final notice names never is."""

import pytest
from django.core.files.storage import default_storage

from filings.models import Notice, NoticeSigner, NoticeStatus
from tests import seed
from tests.test_wizard import post_step, start_notice, walk_to_review
from tests.test_wizard_conditions import pdf

pytestmark = pytest.mark.django_db

STATEMENT = {
    "relief_claimed": "True",
    "third_party_cause": "True",
    "third_party_statement_text": "We cannot complete the audit in time.",
    "action": "next",
}


@pytest.fixture
def notice(compliance_client, lexington) -> Notice:
    notice = start_notice(compliance_client, lexington)
    post_step(compliance_client, notice, "part-1", seed.PART_I, "part-2")
    return notice


def statement_name(notice: Notice) -> str:
    notice.refresh_from_db()
    return notice.third_party_statement.name


def test_a_replaced_statement_is_deleted_once_the_new_one_is_saved(
    compliance_client, notice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_step(
            compliance_client, notice, "part-2", {**STATEMENT, "third_party_statement": pdf()}
        )
        first = statement_name(notice)
        post_step(
            compliance_client, notice, "part-2", {**STATEMENT, "third_party_statement": pdf()}
        )
        second = statement_name(notice)
    assert first != second
    assert not default_storage.exists(first)
    assert default_storage.exists(second)
    with django_capture_on_commit_callbacks(execute=True):
        # No third-party cause any more: the statement is cleared, and its file goes.
        post_step(compliance_client, notice, "part-2", seed.PART_II, "part-3")
    assert statement_name(notice) == ""
    assert not default_storage.exists(second)


def test_a_failed_save_keeps_the_stored_file(
    compliance_client, notice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_step(
            compliance_client, notice, "part-2", {**STATEMENT, "third_party_statement": pdf()}
        )
        stored = statement_name(notice)
        not_a_pdf = pdf("statement.pdf", b"not a pdf")
        post_step(
            compliance_client, notice, "part-2", {**STATEMENT, "third_party_statement": not_a_pdf}
        )
    assert statement_name(notice) == stored
    assert default_storage.exists(stored)


def test_a_replaced_or_removed_signers_evidence_is_deleted(
    compliance_client, lexington, django_capture_on_commit_callbacks
):
    notice = walk_to_review(compliance_client, lexington)
    signer = notice.signers.get()
    attorney = {
        "signers-1-name": "Dennis Welhouse",
        "signers-1-title": "Attorney-in-fact",
        "signers-1-is_executive_officer": "",
        "signers-1-evidence_of_authority_text": "Power of attorney granted to Dennis Welhouse.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        data = seed.signature_step(signer.pk, **attorney)
        data["signers-1-evidence_of_authority"] = pdf("power.pdf")
        post_step(compliance_client, notice, "signature", data, "review")
        added = notice.signers.get(name="Dennis Welhouse")
        first = added.evidence_of_authority.name
        data = seed.signature_step(
            signer.pk,
            **{
                "signers-TOTAL_FORMS": "3",
                "signers-INITIAL_FORMS": "2",
                "signers-1-id": str(added.pk),
                **attorney,
                "signers-1-evidence_of_authority": pdf("power.pdf"),
                "signers-2-name": "",
                "signers-2-title": "",
                "signers-2-is_executive_officer": "on",
            },
        )
        post_step(compliance_client, notice, "signature", data, "review")
    added.refresh_from_db()
    second = added.evidence_of_authority.name
    assert first != second and not default_storage.exists(first)
    with django_capture_on_commit_callbacks(execute=True):
        data = seed.signature_step(
            signer.pk,
            **{
                "signers-TOTAL_FORMS": "2",
                "signers-INITIAL_FORMS": "2",
                "signers-1-id": str(added.pk),
                **attorney,
                "signers-1-DELETE": "on",
            },
        )
        post_step(compliance_client, notice, "signature", data, "review")
    assert not NoticeSigner.objects.filter(pk=added.pk).exists()
    assert not default_storage.exists(second)


def test_a_file_a_final_notice_names_is_never_deleted(
    compliance_client, notice, lexington, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_step(
            compliance_client, notice, "part-2", {**STATEMENT, "third_party_statement": pdf()}
        )
    shared = statement_name(notice)
    final = Notice.objects.create(
        registrant=lexington,
        form_type="10-K",
        filer_status="accelerated",
        status=NoticeStatus.APPROVED,
        third_party_statement=shared,
    )
    with django_capture_on_commit_callbacks(execute=True):
        post_step(compliance_client, notice, "part-2", seed.PART_II, "part-3")
    assert default_storage.exists(shared)
    final.refresh_from_db()
    assert final.third_party_statement.name == shared
