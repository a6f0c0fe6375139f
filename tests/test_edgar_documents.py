import datetime
import re
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile

from filings.deadlines import REPORT_FORMS
from filings.demo import ATTACHMENT, LEXINGTON_NOTICE, LEXINGTON_SIGNER, NARRATIVE
from filings.document import document_filename, notice_exhibits
from filings.edgar import (
    render_exhibit_htm,
    render_exhibit_txt,
    render_notice_htm,
    render_notice_txt,
)
from filings.edgar_validator import validate_edgar_html
from filings.models import Notice, NoticeSigner, NoticeStatus
from filings.services import notice_finalize

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n% a statement\n%%EOF\n"
HOSTILE_NARRATIVE = (
    "The auditor\u2019s \u201cinventory\u201d count \u2013 and the \u2018reserve\u2019 review "
    "\u2014 are late. M\u00fcller of Soci\u00e9t\u00e9 G\u00e9n\u00e9rale counts < 5 & > 3 "
    "pages.\n\n<script>alert(1)</script>"
)
CHAIRMAN = {
    "name": "Michael A. Lubin",
    "title": "Chairman of the Board",
    "is_executive_officer": True,
}
ATTORNEY = {"name": "Dana R\u00e9my", "title": "Attorney-in-fact", "is_executive_officer": False}
POWER_OF_ATTORNEY = "The board appoints {name} as its {title} to sign the notice."
AUDITOR_STATEMENT = (
    "We, the independent auditors, cannot complete our audit of the inventory count\n"
    "by the due date: the count at the Rochester plant is not finished."
)


def make_notice(registrant, *, signers=(LEXINGTON_SIGNER,), **overrides) -> Notice:
    notice = Notice.objects.create(registrant=registrant, **{**LEXINGTON_NOTICE, **overrides})
    for signer in signers:
        evidence = not signer["is_executive_officer"]
        added = NoticeSigner.objects.create(
            notice=notice,
            evidence_of_authority_text=POWER_OF_ATTORNEY.format(**signer) if evidence else "",
            **signer,
        )
        if evidence:
            added.evidence_of_authority.save("power of attorney.pdf", ContentFile(PDF_BYTES))
    return notice


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(document: bytes) -> str:
    """The text a browser shows, character references resolved, white space folded."""
    parser = _TextParser()
    parser.feed(document.decode("ascii"))
    return folded(" ".join(parser.parts))


def assert_edgar_ready(notice: Notice) -> tuple[bytes, str]:
    """Both EDGAR documents of the notice keep the rules; returns them."""
    htm = render_notice_htm(notice)
    assert validate_edgar_html(htm) == []
    txt = render_notice_txt(notice).decode("ascii")
    assert_ascii_document(txt)
    return htm, txt


def assert_ascii_document(txt: str) -> None:
    """EDGAR's character set, 80 columns, and no tag but EDGAR's <PAGE> lines (5.2.1)."""
    for line in txt.splitlines():
        assert len(line) <= 80, line
        assert all(" " <= character <= "~" and character != "^" for character in line), line
        assert line == "<PAGE>" or not re.search(r"<[A-Za-z/!]", line), line


@pytest.mark.parametrize("is_amendment", [False, True], ids=["notice", "amendment"])
@pytest.mark.parametrize("form_type", list(REPORT_FORMS))
def test_each_form_type_amended_or_not_gives_edgar_ready_documents(
    lexington, form_type, is_amendment
):
    notice = make_notice(lexington, form_type=form_type, is_amendment=is_amendment)
    htm, txt = assert_edgar_ready(notice)
    text = visible_text(htm)
    assert f"\u2612 Form {form_type}" in text
    assert text.count("\u2612 Form ") == 1
    assert f"[X] Form {form_type}" in txt and txt.count("[X] Form ") == 1
    form, subtitle = (
        ("12b-25/A", "AMENDED NOTIFICATION") if is_amendment else ("12b-25", "NOTIFICATION")
    )
    assert f"FORM {form} {subtitle} OF LATE FILING" in text
    # The ASCII cover has the OMB box on the right of the same lines.
    assert re.search(rf"^ +FORM {form} +Estimated", txt, re.M)
    assert re.search(rf"^ +{subtitle} OF LATE FILING  ", txt, re.M)


@pytest.mark.parametrize("is_amendment", [False, True])
@pytest.mark.parametrize("form_type", list(REPORT_FORMS))
def test_file_names_keep_to_edgar_rules_for_every_submission_type(
    lexington, form_type, is_amendment
):
    notice = make_notice(
        lexington,
        form_type=form_type,
        is_amendment=is_amendment,
        signers=[LEXINGTON_SIGNER, ATTORNEY, {**ATTORNEY, "name": "Second Attorney"}],
    )
    draft_name = document_filename(notice, "htm")
    notice.status = "approved"
    names = [document_filename(notice, extension) for extension in ("htm", "txt")]
    names += [document_filename(notice, "pdf", variant="conformed"), draft_name]
    for exhibit in notice_exhibits(notice, list(notice.signers.all())):
        names += exhibit.filenames.values()
    for name in names:
        assert len(name) <= 32, name
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*\.(htm|txt|pdf)", name), name
    assert draft_name.endswith("-draft.htm")
    assert names[0] == f"{draft_name.removesuffix('-draft.htm')}.htm"


def test_the_seed_notice_names_its_documents_as_the_form_and_period_say(lexington):
    notice = make_notice(lexington)
    assert document_filename(notice, "htm") == "nt10k-2003-12-31-draft.htm"
    notice = notice_finalize(notice=notice, user=None)
    assert document_filename(notice, "htm") == "nt10k-2003-12-31.htm"
    assert document_filename(notice, "txt") == "nt10k-2003-12-31.txt"


def test_without_relief_the_part_ii_box_is_empty(lexington):
    notice = make_notice(lexington, relief_claimed=False, third_party_cause=None)
    htm, txt = assert_edgar_ready(notice)
    assert " [ ]      (a)  The reasons described" in txt
    assert re.search(r'font-size: 14pt;">&#9744;</td>', htm.decode())


def test_a_third_party_statement_is_an_exhibit_in_both_documents(lexington):
    notice = make_notice(
        lexington, third_party_cause=True, third_party_statement_text=AUDITOR_STATEMENT
    )
    htm, txt = assert_edgar_ready(notice)
    statement = "The statement required by Rule 12b-25(c) is filed as Exhibit 99."
    assert statement in visible_text(htm) and statement in folded(txt)
    assert "EXHIBIT INDEX" in visible_text(htm)
    row = "99 Statement of the person other than the registrant required by Rule 12b-25(c)"
    assert f"{row} nt10k-2003-12-31-ex99.htm" in visible_text(htm)
    assert '<a href="nt10k-2003-12-31-ex99.htm">' in htm.decode()
    assert "EXHIBIT INDEX" in txt
    assert re.search(
        r"^99 +Statement of the person other than +nt10k-2003-12-31-ex99\.txt$", txt, re.M
    )


def test_an_exhibits_text_becomes_edgar_documents_of_its_own_type(lexington):
    notice = make_notice(
        lexington,
        third_party_cause=True,
        third_party_statement_text=AUDITOR_STATEMENT + "\n</DOCUMENT>\n10^6 &bogus;",
    )
    [exhibit] = notice_exhibits(notice, [])
    htm = render_exhibit_htm(notice, exhibit)
    assert validate_edgar_html(htm) == []
    text = visible_text(htm)
    assert "Exhibit 99" in text and folded(AUDITOR_STATEMENT) in text
    assert "Statement of the person other than the registrant required by Rule 12b-25(c)" in text
    assert "DRAFT" in text
    source = htm.decode("ascii")
    assert "&lt;/DOCUMENT&gt;" in source and "10&#94;6 &amp;bogus;" in source
    txt = render_exhibit_txt(notice, exhibit).decode("ascii")
    assert_ascii_document(txt)
    assert folded(AUDITOR_STATEMENT) in folded(txt)
    assert "\n< /DOCUMENT>\n10?6 &bogus;\n" in txt
    assert exhibit.filenames == {
        "htm": "nt10k-2003-12-31-ex99.htm",
        "txt": "nt10k-2003-12-31-ex99.txt",
        "pdf": "nt10k-2003-12-31-ex99.pdf",
    }


def test_each_signers_evidence_of_authority_passes_the_validator(lexington):
    notice = make_notice(lexington, signers=[ATTORNEY, {**ATTORNEY, "name": "Lee Park"}])
    exhibits = notice_exhibits(notice, list(notice.signers.all()))
    assert [exhibit.number for exhibit in exhibits] == ["24.1", "24.2"]
    for exhibit in exhibits:
        assert exhibit.edgar_type == "EX-24"
        assert validate_edgar_html(render_exhibit_htm(notice, exhibit)) == []
        assert_ascii_document(render_exhibit_txt(notice, exhibit).decode("ascii"))
    assert "The board appoints Lee Park as its Attorney-in-fact" in visible_text(
        render_exhibit_htm(notice, exhibits[1])
    )


def test_without_relief_a_stale_third_party_statement_is_not_an_exhibit(lexington):
    notice = make_notice(lexington, relief_claimed=False, third_party_cause=True)
    notice.third_party_statement.save("auditor.pdf", ContentFile(PDF_BYTES))
    htm, txt = assert_edgar_ready(notice)
    assert "Exhibit 99" not in visible_text(htm) and "EXHIBIT INDEX" not in txt


def test_reports_not_filed_are_listed_under_a_marked_no(lexington):
    reports = "Form 10-Q for the quarter ended September 30, 2003\nForm 8-K of October 2, 2003"
    notice = make_notice(lexington, other_reports_filed=False, reports_not_filed=reports)
    htm, txt = assert_edgar_ready(notice)
    text = visible_text(htm)
    assert "\u2610 Yes \u2612 No Form 10-Q for the quarter ended September 30, 2003" in text
    assert "     [ ] Yes  [X] No\n     Form 10-Q for the quarter ended September 30, 2003\n" in txt
    assert "     Form 8-K of October 2, 2003\n" in txt


def test_no_significant_change_leaves_out_the_attachment(lexington):
    notice = make_notice(lexington, significant_change=False, significant_change_explanation="")
    htm, txt = assert_edgar_ready(notice)
    assert txt.count("[ ] Yes  [X] No") == 1
    for document in (visible_text(htm), txt):
        assert "ATTACHMENT TO FORM 12b-25" not in document
        assert "See the attachment to this form." not in document


def test_a_significant_change_is_explained_on_the_attachment_page(lexington):
    htm, txt = assert_edgar_ready(make_notice(lexington))
    assert "See the attachment to this form." in txt
    assert "<PAGE>\n\n                           ATTACHMENT TO FORM 12b-25" in txt
    assert folded(ATTACHMENT) in visible_text(htm)


def test_several_signers_each_sign_with_a_conformed_signature(lexington):
    notice = make_notice(lexington, signers=[LEXINGTON_SIGNER, CHAIRMAN, ATTORNEY])
    htm, txt = assert_edgar_ready(notice)
    text = visible_text(htm)
    for name in ("Warren Delano", "Michael A. Lubin", "Dana R\u00e9my"):
        assert f"By: /s/ {name} {name}" in text
    assert "By   /s/ Dana Remy" in txt and txt.count("Date:  March 30, 2004") == 3
    assert "Evidence of authority to sign of Dana R\u00e9my nt10k-2003-12-31-ex24.htm" in text
    assert re.search(r"^24 +Evidence of authority to sign of Dana .*ex24\.txt$", txt, re.M)


def test_several_pieces_of_evidence_of_authority_are_numbered(lexington):
    second = {**ATTORNEY, "name": "Lee Park"}
    notice = make_notice(lexington, signers=[ATTORNEY, second])
    htm, txt = assert_edgar_ready(notice)
    assert "24.1 Evidence of authority to sign of Dana R\u00e9my nt10k-2003-12-31-ex24-1.htm" in (
        visible_text(htm)
    )
    assert "24.2 Evidence of authority to sign of Lee Park nt10k-2003-12-31-ex24-2.htm" in (
        visible_text(htm)
    )


def test_a_transition_report_and_a_portion_are_shown(lexington):
    notice = make_notice(
        lexington,
        form_type="10-Q",
        is_transition_report=True,
        transition_period_end=datetime.date(2003, 9, 30),
        is_portion=True,
        portion_items="Item 1. Financial Statements",
    )
    htm, txt = assert_edgar_ready(notice)
    text = visible_text(htm)
    assert "\u2612 Transition Report on Form 10-Q" in text
    assert "For the Transition Period Ended: September 30, 2003" in text
    assert "Item 1. Financial Statements" in text
    assert "[X] Transition Report on Form 10-Q" in txt
    assert "For the Transition Period Ended: September 30, 2003" in txt
    assert "     Item 1. Financial Statements" in txt


def test_typed_quotes_dashes_accents_and_markup_survive_as_references_and_escapes(lexington):
    notice = make_notice(
        lexington,
        narrative=HOSTILE_NARRATIVE,
        registrant_name="Soci\u00e9t\u00e9 G\u00e9n\u00e9rale <b>S.A.</b>",
        signers=[{**LEXINGTON_SIGNER, "name": "J\u00fcrgen M\u00fcller"}],
    )
    htm, txt = assert_edgar_ready(notice)
    source = htm.decode("ascii")
    for written in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "M&#252;ller of Soci&#233;t&#233; G&#233;n&#233;rale counts &lt; 5 &amp; &gt; 3",
        "The auditor&#8217;s &#8220;inventory&#8221; count &#8211; and the &#8216;reserve&#8217;",
        "review &#8212; are late.",
        "Soci&#233;t&#233; G&#233;n&#233;rale &lt;b&gt;S.A.&lt;/b&gt;",
        "/s/ J&#252;rgen M&#252;ller",
    ]:
        assert written in source, written
    assert "<script" not in source.lower() and "<b>S.A." not in source
    text = visible_text(htm)
    assert folded(HOSTILE_NARRATIVE) in text
    assert "Soci\u00e9t\u00e9 G\u00e9n\u00e9rale <b>S.A.</b>" in text
    assert (
        "The auditor's \"inventory\" count - and the 'reserve' review -- are late. Muller of "
        "Societe Generale counts < 5 & > 3 pages."
    ) in folded(txt)
    assert "\n< script>alert(1)< /script>\n" in txt
    assert "By   /s/ Jurgen Muller" in txt


def test_long_unbroken_values_still_fit_in_80_columns(lexington):
    """Values as long as their columns allow (200 characters), words longer than a line."""
    notice = make_notice(
        lexington,
        contact_name="Maximilian-Alexander " + "Wolfeschlegelsteinhausenbergerdorff" * 5,
        registrant_name=("Very Long Registrant Name " * 8)[:200],
        narrative="https://example.com/" + "a" * 200 + "\n\n\n\nA second paragraph.",
        signers=[{**LEXINGTON_SIGNER, "title": ("Senior Executive Vice President " * 7)[:200]}],
    )
    _, txt = assert_edgar_ready(notice)
    assert "A second paragraph." in txt


def test_a_draft_says_so_and_a_final_document_does_not(lexington):
    notice = make_notice(lexington)
    htm, txt = assert_edgar_ready(notice)
    assert "DRAFT \u2014 NOT FOR FILING" in visible_text(htm)
    assert txt.startswith(" " * 28 + "DRAFT -- NOT FOR FILING\n")
    notice.status = NoticeStatus.IN_REVIEW
    notice.save()
    htm, txt = assert_edgar_ready(notice)
    assert "DRAFT \u2014 NOT FOR FILING" in visible_text(htm)
    assert txt.startswith(" " * 28 + "DRAFT -- NOT FOR FILING\n")
    notice = notice_finalize(notice=notice, user=None)
    htm, txt = assert_edgar_ready(notice)
    assert "DRAFT" not in visible_text(htm) and "DRAFT" not in txt


def test_the_html_document_is_the_form_with_typed_signatures(lexington):
    notice = notice_finalize(notice=make_notice(lexington), user=None)
    text = visible_text(render_notice_htm(notice))
    for fact in [
        "UNITED STATES SECURITIES AND EXCHANGE COMMISSION Washington, D.C. 20549",
        "OMB Number: 3235-0058",
        "SEC FILE NUMBER 0-3252",
        "For Period Ended: December 31, 2003",
        "PART I \u2014 REGISTRANT INFORMATION Lexington Precision Corporation Full Name of",
        "767 Third Avenue Address of Principal Executive Office (Street and Number)",
        "Warren Delano (212) 319-4657 (Name) (Area Code) (Telephone Number)",
        "Date: March 30, 2004 By: /s/ Warren Delano Warren Delano President, Co-Principal",
        "ATTENTION INTENTIONAL MISSTATEMENTS OR OMISSIONS OF FACT CONSTITUTE FEDERAL",
        "GENERAL INSTRUCTIONS",
        "(\u00a7232.201 or \u00a7232.202 of this chapter)",
    ]:
        assert fact in text, fact
    assert folded(NARRATIVE) in text
    assert text.count("\u2612 Yes \u2610 No") == 2


def test_the_ascii_export_of_the_seed_carries_every_fact_of_the_seed(lexington):
    """The seed: ../shared/seeds/lexington_precision_nt10k_2004.txt."""
    notice = notice_finalize(notice=make_notice(lexington), user=None)
    txt = render_notice_txt(notice).decode("ascii")
    lines = txt.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert re.fullmatch(r"[ -~\n]*", txt)
    text = folded(txt)
    for fact in [
        "FORM 12b-25",
        "NOTIFICATION OF LATE FILING",
        "OMB Number: 3235-0058",
        "SEC File Number: 0-3252",
        "(Check One): [X] Form 10-K [ ] Form 20-F",
        "For Period Ended: December 31, 2003",
        "Lexington Precision Corporation ----",
        "767 Third Avenue ----",
        "New York, New York 10017 ----",
        "PART II -- RULES 12b-25(b) AND (c)",
        "[X] (a) The reasons described in reasonable detail in Part III",
        "Warren Delano (212) 319-4657",
        "LEXINGTON PRECISION CORPORATION",
        "Date: March 30, 2004 By /s/ Warren Delano",
        "Warren Delano President, Co-Principal Executive Officer",
        "INTENTIONAL MISSTATEMENTS OR OMISSIONS OF FACT CONSTITUTE FEDERAL CRIMINAL "
        "VIOLATIONS (SEE 18 U.S.C. 1001).",
        "ATTACHMENT TO FORM 12b-25 OF LEXINGTON PRECISION CORPORATION",
    ]:
        assert fact in text, fact
    # Word for word, whatever the line wrapping.
    assert folded(NARRATIVE) in text
    assert folded(ATTACHMENT) in text
    # Both Yes answers of Part IV marked, on lines of their own as in the seed.
    assert lines.count("     [X] Yes  [ ] No") == 2
    assert "(Section 232.201 or Section 232.202 of this chapter)" in text
    assert txt.count("<PAGE>") == 2 and "DRAFT" not in txt


TAG_LINES = "<PAGE>\n</TEXT>\n</DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-99\n<!-- x -->"
HOSTILE_TEXT = f"{TAG_LINES}\nGrowth of 10^6 at R&bogus; Ltd.\n{'W' * 200} ends here."


def test_text_shaped_like_edgar_tags_changes_neither_structure_nor_page_count(lexington):
    hostile = make_notice(
        lexington,
        narrative=HOSTILE_TEXT,
        portion_items=TAG_LINES,
        significant_change_explanation=HOSTILE_TEXT,
        is_portion=True,
    )
    benign = make_notice(lexington, is_portion=True, portion_items="Item 8.")
    hostile_htm, hostile_txt = assert_edgar_ready(hostile)
    _, benign_txt = assert_edgar_ready(benign)
    assert hostile_txt.count("<PAGE>") == benign_txt.count("<PAGE>") == 2
    assert "\n< PAGE>\n< /TEXT>\n< /DOCUMENT>\n< DOCUMENT>\n< TYPE>EX-99\n< !-- x -->\n" in (
        hostile_txt
    )
    assert "Growth of 10?6 at R&bogus; Ltd." in hostile_txt
    source = hostile_htm.decode("ascii")
    assert "^" not in source and "^" not in hostile_txt
    assert "Growth of 10&#94;6 at R&amp;bogus; Ltd." in source
    assert "&lt;/DOCUMENT&gt;" in source and "</DOCUMENT>" not in source
    assert "Growth of 10^6 at R&bogus; Ltd." in visible_text(hostile_htm)


def test_the_html_document_wraps_long_words_and_carries_no_http_equiv(lexington):
    source = render_notice_htm(make_notice(lexington)).decode("ascii")
    assert "http-equiv" not in source.lower()
    assert "overflow-wrap: anywhere" in source
    # The signature block through the ATTENTION legend prints on one page.
    assert '<div style="page-break-inside: avoid;">\n<hr' in source


@pytest.mark.parametrize("form_type", list(REPORT_FORMS))
def test_every_form_with_hostile_text_and_exhibits_stays_edgar_ready(lexington, form_type):
    hostile = make_notice(
        lexington,
        form_type=form_type,
        narrative=HOSTILE_TEXT,
        third_party_cause=True,
        third_party_statement_text=HOSTILE_TEXT,
        signers=[LEXINGTON_SIGNER, {**ATTORNEY, "name": "Dana <PAGE> R\u00e9my ^"}],
    )
    benign = make_notice(lexington, form_type=form_type, third_party_cause=True)
    _, hostile_txt = assert_edgar_ready(hostile)
    _, benign_txt = assert_edgar_ready(benign)
    assert hostile_txt.count("<PAGE>") == benign_txt.count("<PAGE>")
    for exhibit in notice_exhibits(hostile, list(hostile.signers.all())):
        htm = render_exhibit_htm(hostile, exhibit)
        assert validate_edgar_html(htm) == [] and b"^" not in htm
        assert_ascii_document(render_exhibit_txt(hostile, exhibit).decode("ascii"))
