"""The notice as an ASCII document for EDGAR, laid out like the filed notice of the seed
(../shared/seeds/lexington_precision_nt10k_2004.txt): printable ASCII only and at most 80
characters a line (FORM_12B25.md section 5), check boxes as [X] and [ ], and EDGAR's <PAGE>
tag between pages. Every value and piece of wording comes from notice_document()."""

import textwrap

from filings.edgar_text import printable_ascii

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
    for typed_line in printable_ascii(text).split("\n"):
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
    amended = "AMENDED " if document["is_amendment"] else ""
    heading = [
        "UNITED STATES",
        "SECURITIES AND EXCHANGE COMMISSION",
        "Washington, D.C. 20549",
        "",
        "FORM 12b-25" + ("/A" if document["is_amendment"] else ""),
        "",
        f"{amended}NOTIFICATION OF LATE FILING",
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
    lines = ["PART I -- REGISTRANT INFORMATION", ""]
    for label, value in document["part_i"]:
        lines += underlined(value, label)
    return lines


def _part_ii(document: dict) -> list[str]:
    lines = ["PART II -- RULES 12b-25(b) AND (c)", "", *wrap(document["part_ii_intro"]), ""]
    for index, (marker, text) in enumerate(document["part_ii_statements"]):
        check = f" {box(document['part_ii_checked'])}" if index == 0 else ""
        first_line = f"{check:<10}{marker}".ljust(STATEMENT_INDENT)
        lines += [*wrap(text, indent=STATEMENT_INDENT, first_line=first_line), ""]
    for exhibit in document["exhibits"]:
        if exhibit.edgar_type == "EX-99":
            statement = (
                f"The statement required by Rule 12b-25(c) is filed as Exhibit {exhibit.number} "
                f"({exhibit.filename})."
            )
            lines += [*wrap(statement, indent=STATEMENT_INDENT), ""]
    return lines


def _yes_no(answer: bool | None) -> str:
    return " " * QUESTION_INDENT + f"{box(answer is True)} Yes  {box(answer is False)} No"


def _part_iii_and_iv(document: dict) -> list[str]:
    questions = document["questions"]
    lines = ["PART III -- NARRATIVE", "", *wrap(document["part_iii_instruction"]), ""]
    lines += [*wrap(document["narrative"]), ""]
    lines += ["PART IV -- OTHER INFORMATION", ""]
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
    lines.append(_yes_no(document["other_reports_filed"]))
    if document["reports_not_filed"]:
        lines += wrap(document["reports_not_filed"], indent=QUESTION_INDENT)
    lines += [
        "",
        *wrap(questions["significant_change"], indent=QUESTION_INDENT, first_line="(3)  "),
    ]
    lines += [_yes_no(document["significant_change"]), ""]
    lines += wrap(questions["significant_change_instruction"], indent=QUESTION_INDENT)
    if document["significant_change_explanation"]:
        lines += ["", *wrap("See the attachment to this form.", indent=QUESTION_INDENT)]
    if document["additional_statement"]:
        lines += ["", *wrap(document["additional_statement"])]
    return [*lines, ""]


def _signature(document: dict) -> list[str]:
    lines = ["=" * WIDTH, ""]
    lines += center(document["signature_registrant_name"])
    lines += [("-" * 53).center(WIDTH).rstrip()]
    lines += center("(Name of Registrant as Specified in Charter)")
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
    lines += [" ATTENTION ".center(WIDTH, "-"), ""]
    lines += [*center(document["attention"].upper()), RULE]
    return [*lines, *footer(document)]


def _general_instructions(document: dict) -> list[str]:
    lines = ["", PAGE, "", *center("GENERAL INSTRUCTIONS"), ""]
    for number, instruction in enumerate(document["general_instructions"], start=1):
        marker = f"{number}.".ljust(QUESTION_INDENT)
        lines += [*wrap(instruction, indent=QUESTION_INDENT, first_line=marker), ""]
    return [*lines, *footer(document)]


def _attachment(document: dict) -> list[str]:
    lines = ["", PAGE, "", *center("ATTACHMENT TO FORM 12b-25"), *center("OF")]
    lines += [*center(document["signature_registrant_name"].upper()), ""]
    lines += wrap(document["significant_change_explanation"])
    return [*lines, *footer(document)]


def _exhibit_index(document: dict) -> list[str]:
    lines = ["", PAGE, "", *center("EXHIBIT INDEX"), ""]
    lines += side_by_side((0, ["Exhibit"]), (9, ["Description"]), (48, ["File"]))
    lines.append(RULE)
    for exhibit in document["exhibits"]:
        lines += side_by_side(
            (0, [exhibit.number]),
            (9, wrap(exhibit.description, width=37)),
            (48, wrap(exhibit.filename, width=WIDTH - 48)),
        )
    return lines


def notice_ascii(document: dict) -> str:
    """The notice as the text of an ASCII EDGAR document, from notice_document() and the form
    edition (`document["edition"]`)."""
    lines = []
    if document["is_draft"]:
        lines += [*center("DRAFT -- NOT FOR FILING"), ""]
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
    return "\n".join(printable_ascii(line).rstrip() for line in lines) + "\n"
