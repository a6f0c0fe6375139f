import html

import pytest

from filings.edgar_text import ascii_text, character_references, printable_ascii


def test_ascii_text_is_left_as_it_is():
    text = 'Plain "ASCII" text <b> & tabs\tand\nlines.'
    assert character_references(text) == text


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("\u2014", "&#8212;"),
        ("M\u00fcller", "M&#252;ller"),
        ("Soci\u00e9t\u00e9 G\u00e9n\u00e9rale", "Soci&#233;t&#233; G&#233;n&#233;rale"),
        ("\u201cquoted\u201d \u2018too\u2019", "&#8220;quoted&#8221; &#8216;too&#8217;"),
        ("\u2610 \u2612", "&#9744; &#9746;"),
        ("\U0001f4c8 up", "&#128200; up"),  # outside the Basic Multilingual Plane
    ],
)
def test_non_ascii_characters_become_decimal_references(text, written):
    assert character_references(text) == written
    assert html.unescape(written) == text


def test_control_characters_that_carry_no_text_are_dropped():
    # U+0096 would otherwise be shown by browsers as the Windows-1252 en dash.
    assert character_references("a\x00b\x07c\x7fd\x96e\tf\r\ng") == "abcde\tf\r\ng"


def test_references_leave_markup_alone_so_user_text_is_escaped_first():
    assert character_references("&lt;caf\u00e9&gt;") == "&lt;caf&#233;&gt;"


@pytest.mark.parametrize(
    ("text", "ascii"),
    [
        ("\u201cquoted\u201d and \u2018single\u2019", "\"quoted\" and 'single'"),
        ("the registrant\u2019s", "the registrant's"),
        ("2003\u20132004 \u2014 late", "2003-2004 -- late"),
        ("M\u00fcller, Soci\u00e9t\u00e9 G\u00e9n\u00e9rale", "Muller, Societe Generale"),
        ("Ni\u00f1o, Fran\u00e7ois, \u00c5ngstr\u00f6m", "Nino, Francois, Angstrom"),
        ("Stra\u00dfe, \u00d8rsted, \u0141\u00f3d\u017a", "Strasse, Orsted, Lodz"),
        ("Wait\u2026 \u2022 item", "Wait... * item"),
        ("\u00a7232.201", "Section 232.201"),
        ("\u00a92024 Acme\u00ae Widget\u2122", "(c)2024 Acme(R) Widget(TM)"),
        ("\u20ac5 million, \u00a33", "EUR 5 million, GBP 3"),
        ("\u00bd and \u00b2", "1/2 and 2"),
        ("\ufb01nal \uff21\uff22", "final AB"),  # ligature and full-width letters (NFKD)
        ("no\u00a0break, soft\u00adhyphen", "no break, softhyphen"),
        ("e\u0301te\u0301 \u200eLTR", "ete LTR"),  # decomposed accents, invisible marks
        ("\u4e2d\u6587 \U0001f4c8 \u2610", "?? ? ?"),
        ("tab\there", "tab here"),
        ("lines\r\nand\rbreaks", "lines\nand\nbreaks"),
        ("bell\x07", "bell?"),
    ],
)
def test_printable_ascii_spells_other_characters_in_ascii(text, ascii):
    assert printable_ascii(text) == ascii


def test_printable_ascii_gives_only_printable_ascii_and_line_feeds():
    every_character = "".join(chr(code) for code in range(0x3000))
    result = printable_ascii(every_character)
    assert all(" " <= character <= "~" or character == "\n" for character in result)


def test_html_writes_the_caret_and_hexadecimal_references_in_decimal():
    assert character_references("10^6 &#x27;a&#X2019;") == "10&#94;6 &#39;a&#8217;"


@pytest.mark.parametrize(
    ("text", "ascii"),
    [
        ("<PAGE>", "< PAGE>"),
        ("</TEXT> and </DOCUMENT>", "< /TEXT> and < /DOCUMENT>"),
        ("<type>EX-99 <!-- note", "< type>EX-99 < !-- note"),
        ("5 < 7, a <= b, <<x", "5 < 7, a <= b, << x"),
        ("10^6", "10?6"),
    ],
)
def test_ascii_text_never_forms_a_tag_nor_keeps_a_caret(text, ascii):
    assert ascii_text(text) == ascii
