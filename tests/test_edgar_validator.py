import pytest

from filings.edgar_validator import ALLOWED_TAGS, Violation, validate_edgar_html

GOOD = b"""<html>
<head><meta name="description" content="Notification of late filing">
<title>NT 10-K</title></head>
<body style="font-family: 'Times New Roman', serif">
<p align="center" style="font-weight: bold">FORM 12b-25 &#8212; caf&#233;</p>
<table style="width: 100%"><tr><td>&#9746; Form 10-K</td><td>&#9744; Form 20-F</td></tr></table>
<table><tr><td>A second table, after the first one.</td></tr></table>
<a href="#part-i">Part I</a> <a href="ex99.htm">Exhibit 99</a>
<a href="https://www.sec.gov/Archives/edgar/data/58411/0000950123-04-003902.txt">last 10-K</a>
<img src="logo.gif" alt="logo">
<!-- a comment is fine -->
</body>
</html>
"""


def messages(document: bytes | str) -> list[str]:
    return [str(violation) for violation in validate_edgar_html(document)]


def test_a_document_that_keeps_every_rule_passes():
    assert validate_edgar_html(GOOD) == []


def test_the_allowed_tags_are_data_without_any_forbidden_one():
    assert {"table", "tr", "td", "p", "br", "b", "font", "div"} <= set(ALLOWED_TAGS)
    assert not {"span", "style", "tbody", "thead", "tfoot", "script"} & set(ALLOWED_TAGS)


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        ("<span>x</span>", "<span> is not allowed: not in EDGAR's HTML 3.2 subset"),
        ("<style>p {}</style>", "<style> is not allowed: use inline style attributes instead"),
        ("<table><tbody><tr><td>x</td></tr></tbody></table>", "<tbody> is not allowed"),
        ("<table><thead><tr><th>x</th></tr></thead></table>", "<thead> is not allowed"),
        ("<table><tfoot><tr><td>x</td></tr></tfoot></table>", "<tfoot> is not allowed"),
        ("<script>alert(1)</script>", "<script> is not allowed: active content"),
        ("<iframe src='x.htm'></iframe>", "<iframe> is not allowed: active content"),
        ("<object data='x.swf'></object>", "<object> is not allowed: active content"),
        ("<applet code='x'></applet>", "<applet> is not allowed: active content"),
        ("<form>x</form>", "<form> is not allowed: forms are not allowed"),
        ("<input name='q'>", "<input> is not allowed: forms are not allowed"),
        ("<link rel='stylesheet' href='a.css'>", "<link> is not allowed: an external reference"),
        ("<section>x</section>", "<section> is not allowed: not in EDGAR's list of HTML tags"),
        ("<svg></svg>", "<svg> is not allowed"),
    ],
)
def test_each_forbidden_or_unknown_tag_is_reported(fragment, message):
    [violation] = messages(f"<html><body>\n{fragment}\n</body></html>")
    assert violation.startswith(f"line 2: {message}")


# Shaped like the primary documents of accepted NT 10-K filings as the common filing agents
# write them: a doctype line, upper-case tags and attributes, class attributes, named and
# decimal references, links into the archives and through the inline XBRL viewer.
ACCEPTED_AGENT_STYLE = b"""<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML>
<HEAD>
<TITLE>Form NT 10-K</TITLE>
<META NAME="generator" CONTENT="word processor">
</HEAD>
<BODY BGCOLOR="WHITE">
<P ALIGN="CENTER" CLASS="MsoNormal"><FONT SIZE="2"><B>UNITED STATES<BR>SECURITIES AND EXCHANGE
COMMISSION</B></FONT></P>
<TABLE CELLSPACING="0" CELLPADDING="0" WIDTH="100%" BORDER="0" STYLE="border-collapse:collapse">
<TR><TD WIDTH="4%" VALIGN="TOP"><FONT SIZE="2">&#9746;</FONT></TD>
<TD><FONT SIZE="2">Form 10-K&nbsp;&nbsp;&#8212; Caf&eacute; Holdings&#8217; annual
report</FONT></TD></TR>
</TABLE>
<P CLASS="body">See the <A HREF="https://www.sec.gov/Archives/edgar/data/58411/000095012304003902/0000950123-04-003902-index.htm">last
annual report</A> and the <A HREF="https://www.sec.gov/ix?doc=/Archives/edgar/data/58411/000005841124000012/lpc-20231231.htm">inline
XBRL viewer</A>. 5 &lt; 7 &amp; 9 &gt; 8.</P>
<XMP>literal <b>text</b></XMP>
<HR SIZE="3" NOSHADE>
</BODY>
</HTML>
"""
ACCEPTED_PLAIN_STYLE = b"""<html>
<head><isindex prompt="Search"><title>nt10q</title></head>
<body>
<div style="text-align: center" class="cover"><b>FORM 12b-25</b></div>
<p>&#9744; Form 10-Q &copy; &sect;232.201 &mdash; &#160;</p>
</body>
</html>
"""


@pytest.mark.parametrize(
    "document", [GOOD, ACCEPTED_AGENT_STYLE, ACCEPTED_PLAIN_STYLE], ids=["ours", "agent", "plain"]
)
def test_documents_shaped_like_accepted_filings_pass(document):
    assert validate_edgar_html(document) == []


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        (
            '<meta http-equiv="Content-Type" content="text/html">',
            "attribute http-equiv is not allowed on <meta>",
        ),
        ("<p>R&bogus; Ltd</p>", "&bogus; is not an HTML 4 entity: write &amp;bogus; for the text"),
        ("<p>&apos;quoted</p>", "&apos; is not an HTML 4 entity: write &amp;apos; for the text"),
        ("<p>&#x2019;</p>", "&#x2019; is hexadecimal: write it as &#8217;"),
        ("<p>&#7;</p>", "&#7; refers to no character EDGAR allows"),
        ("<p>10^6 shares</p>", "'^' is not in EDGAR's character set: write &#94;"),
    ],
)
def test_characters_and_references_outside_the_edgar_rules_are_reported(fragment, message):
    assert messages(f"<html><body>\n{fragment}\n</body></html>") == [f"line 2: {message}"]


def test_a_bare_ampersand_or_one_in_a_link_is_text_not_a_reference():
    assert messages('<p>A & B</p><a href="a.htm?x=1&y=2">x</a><p>&#94;</p>') == []


@pytest.mark.parametrize(
    "href",
    [
        "https://www.sec.gov/ix?doc=/cgi-bin/browse-edgar",  # the viewer, not of a filing
        "https://www.sec.gov/ix",
        "https://example.com/ix?doc=/Archives/edgar/data/1/a.htm",
    ],
)
def test_the_inline_viewer_is_only_a_way_into_the_archives(href):
    assert any("external reference" in message for message in messages(f'<a href="{href}">x</a>'))


def test_xml_declarations_and_cdata_are_reported():
    assert messages('<?xml version="1.0"?>\n<p><![CDATA[x]]></p>') == [
        "line 1: processing instructions (<?...>) are not allowed",
        "line 2: <![CDATA[...]]> is not allowed",
    ]


@pytest.mark.parametrize(
    "fragment",
    [
        '<p onclick="go()">x</p>',
        '<body onload="go()">',
        '<img src="a.gif" onerror="go()">',
        '<a href="a.htm" OnMouseOver="go()">x</a>',
    ],
)
def test_event_attributes_are_reported(fragment):
    [violation] = messages(fragment)
    assert "event attribute" in violation and violation.endswith("is not allowed")


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "&#106;avascript:alert(1)",  # a character reference does not hide it
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
    ],
)
def test_script_urls_are_reported_as_active_content(href):
    [violation] = messages(f'<a href="{href}">x</a>')
    assert violation.endswith("on <a> is active content")


@pytest.mark.parametrize(
    "fragment",
    [
        '<a href="https://example.com/">x</a>',
        '<a href="//example.com/a.htm">x</a>',
        '<a href="/Archives/edgar/data/1/a.htm">x</a>',  # absolute path: not in the submission
        '<a href="https://www.sec.gov.example.com/Archives/x.htm">x</a>',
        '<a href="https://www.sec.gov/cgi-bin/browse-edgar">x</a>',  # sec.gov, not its archives
        '<a href="file:///etc/passwd">x</a>',
        '<img src="https://www.sec.gov/Archives/logo.gif">',  # only links may leave
        '<body background="http://example.com/bg.gif">',  # also an attribute not in the list
    ],
)
def test_external_references_are_reported(fragment):
    assert any("is an external reference" in violation for violation in messages(fragment))


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        ('<p style="background: url(http://example.com/x.gif)">', "style on <p> refers"),
        ('<p style="behavior: expression(alert(1))">', "style on <p> refers"),
        ('<meta name="refresh" content="0; url=http://example.com">', "<meta> refers"),
        ('<img src="chart.png">', "image 'chart.png' is not a JPG or GIF file"),
    ],
)
def test_references_hidden_in_styles_meta_and_images_are_reported(fragment, message):
    [violation] = messages(fragment)
    assert message in violation


def test_attributes_outside_the_list_are_reported():
    assert messages('<p class="x" align="left" name="x">x</p>\n<td srcdoc="x">') == [
        "line 1: attribute name is not allowed on <p>",
        "line 2: attribute srcdoc is not allowed on <td>",
    ]


def test_a_table_inside_a_table_is_reported_on_its_line():
    document = "<table><tr><td>\n<table><tr><td>x</td></tr></table>\n</td></tr></table>"
    assert messages(document) == ["line 2: a table nested in another table"]


def test_non_ascii_characters_are_reported_with_the_reference_to_write():
    document = "<p>plain</p>\n<p>caf\u00e9 \u2014 \u00e9t\u00e9</p>\n<p>\u2610</p>".encode()
    assert messages(document) == [
        "line 2: the non-ASCII character U+00E9 must be written as &#233;",
        "line 2: the non-ASCII character U+2014 must be written as &#8212;",
        "line 3: the non-ASCII character U+2610 must be written as &#9744;",
    ]


def test_bytes_that_are_not_utf8_and_control_characters_are_reported():
    assert messages(b"<p>Soci\xe9t\xe9</p>\n<p>bell\x07</p>") == [
        "line 1: the byte 0xE9 is not ASCII",
        "line 2: the control character 0x07 is not allowed",
    ]


def test_violations_read_as_lines_of_a_report():
    assert str(Violation(12, "a table nested in another table")) == (
        "line 12: a table nested in another table"
    )
