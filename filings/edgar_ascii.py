"""The notice as an ASCII document for EDGAR, laid out like the filed notice of the seed
(../shared/seeds/lexington_precision_nt10k_2004.txt): printable ASCII only and at most 80
characters a line (FORM_12B25.md section 5), check boxes as [X] and [ ], and EDGAR's <PAGE>
tag between pages. Every value and piece of wording comes from notice_document()."""

import textwrap

from filings.edgar_text import ascii_text

WIDTH = 80
RULE = "-" * WIDTH
PAGE = "<PAGE>"
# Columns of the cover and the signature block, as in the seed.
COVER_LEFT_WIDTH = 50
COVER_RIGHT = 52
BOX_INDENT = 14
BOX_COLUMN = 16
BOXES_A_ROW = 4
SIGNATURE_RIGHT = 41
QUESTION_INDENT = 5
STATEMENT_INDENT = 15


def box(checked: bool | None) -> str:
    return "[X]" if checked else "[ ]"


def wrap(text: str, *, indent: int = 0, first_line: str = "", width: int = WIDTH) -> list[str]:
    """`text` in printable ASCII as lines of at most `width` characters, `indent` spaces in.
    `first_line` starts the first line instead of the indent (a marker such as "(1)  ").
    Line breaks typed in the text are kept; runs of blank lines become one."""
    lines: list[str] = []
    prefix = first_line or " " * indent
    for typed_line in ascii_text(text).split("\n"):
        if not typed_line.strip():
            if lines and lines[-1]:
                lines.append("")
            continue
        lines.extend(
            textwrap.wrap(
                typed_line,
                width=width,
                initial_indent=prefix,
                subsequent_indent=" " * indent,
                break_on_hyphens=False,
            )
        )
        prefix = " " * indent
    while lines and not lines[-1]:
        lines.pop()
    return lines or ([first_line.rstrip()] if first_line else [])


def center(text: str, *, width: int = WIDTH) -> list[str]:
    return [line.center(width).rstrip() for line in wrap(text, width=width)]


def side_by_side(*blocks: tuple[int, list[str]]) -> list[str]:
    """Blocks of lines next to each other, each starting at its column (blocks wrapped to fit
    before the next one starts)."""
    height = max(len(lines) for _, lines in blocks)
    rows = []
    for index in range(height):
        row = ""
        for column, lines in blocks:
            if index < len(lines) and lines[index]:
                row = row.ljust(column) + lines[index]
        rows.append(row.rstrip())
    return rows


def underlined(value: str, caption: str) -> list[str]:
    """A value on the line above its caption, as Part I of the form."""
    return [*wrap(value), RULE, *wrap(caption), ""]


def footer(document: dict) -> list[str]:
    """The edition code and the OMB statement that end each page of the form."""
    return [
        "",
        *side_by_side(
            (0, wrap(document["edition"]["code"], width=20)),
            (22, wrap(document["omb_statement"], width=WIDTH - 22)),
        ),
    ]


def _cover(document: dict) -> list[str]:
    heading = [
        "UNITED STATES",
        "SECURITIES AND EXCHANGE COMMISSION",
        "Washington, D.C. 20549",
        "",
        document["form_title"],
        "",
        document["form_subtitle"],
    ]
    left = [line.center(COVER_LEFT_WIDTH).rstrip() for line in heading]
    right_width = WIDTH - COVER_RIGHT
    omb_rule = "-" * right_width
    omb = [omb_rule, "OMB APPROVAL".center(right_width).rstrip(), omb_rule]
    omb += wrap(f"OMB Number: {document['omb_number']}", width=right_width)
    if document["edition"]["omb_expires"]:
        omb += wrap(f"Expires: {document['edition']['omb_expires']}", width=right_width)
    omb += wrap(
        f"Estimated average burden hours per response: {document['omb_burden_hours']}",
        width=right_width,
    )
    omb += [omb_rule, "SEC File Number:", *wrap(document["sec_file_number"], indent=2)]
    omb += ["CUSIP Number:", *wrap(document["cusip"], indent=2), omb_rule]
    lines = [*side_by_side((0, left), (COVER_RIGHT, omb)), ""]

    boxes = [f"{box(form_box.checked)} {form_box.label}" for form_box in document["form_boxes"]]
    for start in range(0, len(boxes), BOXES_A_ROW):
        label = "(Check One):" if start == 0 else ""
        row = "".join(entry.ljust(BOX_COLUMN) for entry in boxes[start : start + BOXES_A_ROW])
        lines.append((label.ljust(BOX_INDENT) + row).rstrip())
    lines += ["", f"For Period Ended: {document['period_end'] or '_' * 20}", ""]
    lines += [
        " " * BOX_INDENT + f"{box(transition.checked)} {transition.label}"
        for transition in document["transition_boxes"]
    ]
    transition_end = document["transition_period_end"] or "_" * 20
    lines += ["", f"For the Transition Period Ended: {transition_end}", "", RULE]
    lines += [*center(document["legend"].upper()), RULE, ""]
    lines += wrap(document["portion_instruction"])
    if document["portion_items"]:
        lines += wrap(document["portion_items"], indent=QUESTION_INDENT)
    return [*lines, "", RULE]


def _part_i(document: dict) -> list[str]:
    lines = [document["headings"]["part_i"], ""]
    for label, value in document["part_i"]:
        lines += underlined(value, label)
    return lines


def _part_ii(document: dict) -> list[str]:
    lines = [document["headings"]["part_ii"], "", *wrap(document["part_ii_intro"]), ""]
    for index, (marker, text) in enumerate(document["part_ii_statements"]):
        check = f" {box(document['part_ii_checked'])}" if index == 0 else ""
        first_line = f"{check:<10}{marker}".ljust(STATEMENT_INDENT)
        lines += [*wrap(text, indent=STATEMENT_INDENT, first_line=first_line), ""]
    for exhibit in document["exhibits"]:
        if exhibit.edgar_type == "EX-99":
            lines += [*wrap(exhibit.sentence, indent=STATEMENT_INDENT), ""]
    return lines


def _yes_no(boxes: list) -> str:
    return " " * QUESTION_INDENT + "  ".join(
        f"{box(answer.checked)} {answer.label}" for answer in boxes
    )


def _part_iii_and_iv(document: dict) -> list[str]:
    questions = document["questions"]
    lines = [document["headings"]["part_iii"], "", *wrap(document["part_iii_instruction"]), ""]
    lines += [*wrap(document["narrative"]), ""]
    lines += [document["headings"]["part_iv"], ""]
    lines += wrap(questions["contact"], indent=QUESTION_INDENT, first_line="(1)  ")
    lines += side_by_side(
        (QUESTION_INDENT, wrap(document["contact_name"], width=30)),
        (37, wrap(document["contact_area_code"], width=12)),
        (51, wrap(document["contact_phone"], width=WIDTH - 51)),
    )
    lines += side_by_side(
        (QUESTION_INDENT, ["-" * 30, "(Name)"]),
        (37, ["-" * 12, "(Area Code)"]),
        (51, ["-" * 20, "(Telephone Number)"]),
    )
    lines += ["", *wrap(questions["other_reports"], indent=QUESTION_INDENT, first_line="(2)  ")]
    lines.append(_yes_no(document["other_reports_boxes"]))
    if document["reports_not_filed"]:
        lines += wrap(document["reports_not_filed"], indent=QUESTION_INDENT)
    lines += [
        "",
        *wrap(questions["significant_change"], indent=QUESTION_INDENT, first_line="(3)  "),
    ]
    lines += [_yes_no(document["significant_change_boxes"]), ""]
    lines += wrap(questions["significant_change_instruction"], indent=QUESTION_INDENT)
    if document["significant_change_explanation"]:
        lines += ["", *wrap(document["attachment_reference"], indent=QUESTION_INDENT)]
    if document["additional_statement"]:
        lines += ["", *wrap(document["additional_statement"])]
    return [*lines, ""]


def _signature(document: dict) -> list[str]:
    lines = ["=" * WIDTH, ""]
    lines += center(document["signature_registrant_name"])
    lines += [("-" * 53).center(WIDTH).rstrip()]
    lines += center(document["name_caption"])
    lines += ["", *wrap(document["signature_statement"])]
    right_width = WIDTH - SIGNATURE_RIGHT
    for signer in document["signers"]:
        date = wrap(document["signature_date"], width=SIGNATURE_RIGHT - 8)
        left = [f"Date:  {date[0] if date else ''}", "       " + "-" * 21]
        right = wrap(f"/s/ {signer.name}", indent=5, first_line="By   ", width=right_width)
        right += ["     " + "-" * 29]
        right += wrap(signer.name, indent=5, width=right_width)
        right += wrap(signer.title, indent=5, width=right_width)
        lines += ["", *side_by_side((0, left), (SIGNATURE_RIGHT, right))]
    lines += ["", *wrap(document["signature_instruction"]), ""]
    lines += [f" {document['attention_heading']} ".center(WIDTH, "-"), ""]
    lines += [*center(document["attention"].upper()), RULE]
    return [*lines, *footer(document)]


def _general_instructions(document: dict) -> list[str]:
    lines = ["", PAGE, "", *center(document["general_instructions_heading"]), ""]
    for number, instruction in enumerate(document["general_instructions"], start=1):
        marker = f"{number}.".ljust(QUESTION_INDENT)
        lines += [*wrap(instruction, indent=QUESTION_INDENT, first_line=marker), ""]
    return [*lines, *footer(document)]


def _attachment(document: dict) -> list[str]:
    lines = ["", PAGE, ""]
    for heading_line in document["attachment_heading"]:
        lines += center(heading_line)
    lines.append("")
    lines += wrap(document["significant_change_explanation"])
    return [*lines, *footer(document)]


def _exhibit_index(document: dict) -> list[str]:
    lines = ["", PAGE, "", *center(document["exhibit_index_heading"]), ""]
    lines += side_by_side((0, ["Exhibit"]), (9, ["Description"]), (48, ["File"]))
    lines.append(RULE)
    for exhibit in document["exhibits"]:
        lines += side_by_side(
            (0, [exhibit.number]),
            (9, wrap(exhibit.description, width=37)),
            (48, wrap(exhibit.filenames["txt"], width=WIDTH - 48)),
        )
    return lines


def notice_ascii(document: dict) -> str:
    """The notice as the text of an ASCII EDGAR document, from notice_document() and the form
    edition (`document["edition"]`)."""
    lines = []
    if document["is_draft"]:
        lines += [*center(document["draft_mark"]), ""]
    lines += _cover(document)
    lines += _part_i(document)
    lines += _part_ii(document)
    lines += _part_iii_and_iv(document)
    lines += _signature(document)
    lines += _general_instructions(document)
    if document["significant_change_explanation"]:
        lines += _attachment(document)
    if document["exhibits"]:
        lines += _exhibit_index(document)
    return _as_text(lines)


def _as_text(lines: list[str]) -> str:
    # Every line but EDGAR's own <PAGE> tags goes through ascii_text() once more, in case two
    # pieces laid side by side meet in a "<" and a letter.
    return "\n".join(line if line == PAGE else ascii_text(line).rstrip() for line in lines) + "\n"


def exhibit_ascii(document: dict, exhibit) -> str:
    """An exhibit (filings.document.Exhibit) as the text of an ASCII EDGAR document of its own,
    under the same rules as the notice."""
    lines = []
    if document["is_draft"]:
        lines += [*center(document["draft_mark"]), ""]
    lines += [f"Exhibit {exhibit.number}".rjust(WIDTH), ""]
    lines += [*center(exhibit.description), ""]
    lines += [
        *center(document["signature_registrant_name"]),
        *center(document["edgar_submission_type"]),
    ]
    lines += ["", *wrap(exhibit.text)]
    return _as_text(lines)
