"""Check an HTML document against the EDGAR rules for HTML documents (EDGAR Filer Manual
Vol. II 5.2.2 "HTML documents", as the SEC's "EFM non-XBRL HTM" validation applies them: HTML
3.2 with some HTML 4.0 attributes, no active content, no external references but links into the
sec.gov archives, no nested tables; and the character set of 5.2.1.1).

The allowed tags, attributes and entities are data below, so that a change in the Filer Manual
is a change of a list, not of code. Every violation comes with its line number."""

import html.entities
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from filings.edgar_text import OUTSIDE_EDGAR_SET as EDGAR_EXCLUDED

# Attributes every allowed tag may carry: inline style and class are allowed (5.2.2: the
# HTML 4.0 attributes EDGAR supports).
GLOBAL_ATTRIBUTES = frozenset({"style", "class", "id", "title", "lang", "dir"})
# HTML 3.2 tags and their attributes (5.2.2), without active content and forms. <isindex> and
# <xmp> are in the HTML 3.2 DTD and EDGAR's list; a <meta> may name and describe the document,
# but not carry http-equiv, which EDGAR rejects.
ALLOWED_TAGS: dict[str, frozenset[str]] = {
    tag: frozenset(attributes.split())
    for tag, attributes in {
        "a": "href name",
        "address": "",
        "b": "",
        "big": "",
        "blockquote": "",
        "body": "bgcolor text link vlink alink",
        "br": "clear",
        "caption": "align",
        "center": "",
        "cite": "",
        "code": "",
        "dd": "",
        "dfn": "",
        "dir": "compact",
        "div": "align",
        "dl": "compact",
        "dt": "",
        "em": "",
        "font": "size color face",
        "h1": "align",
        "h2": "align",
        "h3": "align",
        "h4": "align",
        "h5": "align",
        "h6": "align",
        "head": "",
        "hr": "align noshade size width",
        "html": "",
        "i": "",
        "isindex": "prompt",
        "img": "src alt align height width border hspace vspace",
        "kbd": "",
        "li": "type value",
        "menu": "compact",
        "meta": "name content",
        "ol": "type start compact",
        "p": "align",
        "pre": "width",
        "samp": "",
        "small": "",
        "strike": "",
        "strong": "",
        "sub": "",
        "sup": "",
        "table": "align width border cellspacing cellpadding bgcolor",
        "td": "nowrap rowspan colspan align valign width height bgcolor",
        "th": "nowrap rowspan colspan align valign width height bgcolor",
        "title": "",
        "tr": "align valign bgcolor",
        "tt": "",
        "u": "",
        "ul": "type compact",
        "var": "",
        "xmp": "",
    }.items()
}
# Tags refused with a reason of their own (5.2.2: no active content, no forms, no external
# references; any other tag not in ALLOWED_TAGS is refused too).
FORBIDDEN_TAGS: dict[str, str] = {
    "script": "active content",
    "noscript": "active content",
    "applet": "active content",
    "object": "active content",
    "embed": "active content",
    "param": "active content",
    "iframe": "active content",
    "frame": "active content",
    "frameset": "active content",
    "form": "forms are not allowed",
    "input": "forms are not allowed",
    "button": "forms are not allowed",
    "select": "forms are not allowed",
    "textarea": "forms are not allowed",
    "style": "use inline style attributes instead",
    "link": "an external reference",
    "base": "an external reference",
    "span": "not in EDGAR's HTML 3.2 subset",
    "tbody": "not in EDGAR's HTML 3.2 subset",
    "thead": "not in EDGAR's HTML 3.2 subset",
    "tfoot": "not in EDGAR's HTML 3.2 subset",
}
# Attribute values that load something (5.2.2: every reference must resolve inside the
# submission; everything else in a value is only shown or styled).
URL_ATTRIBUTES = frozenset({"href", "src", "background", "action", "data", "codebase", "cite"})
# The one kind of outside link EDGAR accepts (5.2.2): documents already filed, in its archives,
# directly or through the inline XBRL viewer ("/ix?doc=/Archives/...").
SEC_HOSTS = frozenset({"sec.gov", "www.sec.gov"})
SEC_ARCHIVES_PATH = "/Archives/"
SEC_IX_VIEWER_PATH = "/ix"
# 5.2.2: images only as JPG or GIF files of the same submission.
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".gif")
ACTIVE_URL = re.compile(r"^\s*(javascript|vbscript|data|livescript|mocha)\s*:", re.IGNORECASE)
STYLE_REFERENCE = re.compile(r"url\s*\(|@import|expression\s*\(|javascript\s*:", re.IGNORECASE)
META_REFRESH_URL = re.compile(r"url\s*=", re.IGNORECASE)
# Bytes allowed besides printable ASCII (5.2.1.1): tab, line feed, form feed, carriage return.
ALLOWED_CONTROL_BYTES = frozenset(b"\t\n\f\r")
# Printable ASCII that is outside EDGAR's character set (5.2.1.1): write "&#94;" instead.
OUTSIDE_EDGAR_SET = frozenset(EDGAR_EXCLUDED.encode("ascii"))
# Character references (5.2.2): decimal ones, and the named entities of HTML 4 only.
HTML4_ENTITIES = frozenset(html.entities.name2codepoint)
REFERENCE = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


@dataclass(frozen=True)
class Violation:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def validate_edgar_html(document: bytes | str) -> list[Violation]:
    """Every way the document breaks the EDGAR HTML rules, in the order of the document (byte
    checks first). An empty list means the document passes."""
    content = document.encode("utf-8") if isinstance(document, str) else document
    text = content.decode("ascii", errors="replace")
    violations = _byte_violations(content) + _reference_violations(text)
    parser = _EdgarHtmlParser()
    parser.feed(text)
    parser.close()
    return violations + parser.violations


def _byte_violations(content: bytes) -> list[Violation]:
    """Each character that is not printable ASCII, once per line: a UTF-8 character is named
    with the reference to write instead; bytes that are not UTF-8 are named as bytes."""
    violations = []
    for number, line in enumerate(content.split(b"\n"), start=1):
        if line.isascii() and all(
            (0x20 <= byte <= 0x7E and byte not in OUTSIDE_EDGAR_SET)
            or byte in ALLOWED_CONTROL_BYTES
            for byte in line
        ):
            continue
        seen = set()
        for character in line.decode("utf-8", errors="surrogateescape"):
            code = ord(character)
            if character in seen or code in ALLOWED_CONTROL_BYTES:
                continue
            if 0x20 <= code <= 0x7E and code not in OUTSIDE_EDGAR_SET:
                continue
            seen.add(character)
            if code in OUTSIDE_EDGAR_SET:
                message = f"{character!r} is not in EDGAR's character set: write &#{code};"
            elif 0xDC80 <= code <= 0xDCFF:  # a byte that is not part of a UTF-8 character
                message = f"the byte 0x{code - 0xDC00:02X} is not ASCII"
            elif code < 0x80:
                message = f"the control character 0x{code:02X} is not allowed"
            else:
                message = f"the non-ASCII character U+{code:04X} must be written as &#{code};"
            violations.append(Violation(number, message))
    return violations


def _reference_violations(content: str) -> list[Violation]:
    """Each character reference EDGAR does not take (5.2.2): a named entity outside HTML 4,
    a hexadecimal reference (write it in decimal), or a reference to no character."""
    violations = []
    for number, line in enumerate(content.split("\n"), start=1):
        if "&" not in line:
            continue
        for match in REFERENCE.finditer(line):
            name = match.group(1)
            if name.startswith(("#x", "#X")):
                code = int(name[2:], 16)
                message = f"&{name}; is hexadecimal: write it as &#{code};"
            elif name.startswith("#"):
                code = int(name[1:])
                if code <= 0x10FFFF and (code >= 0x20 or code in ALLOWED_CONTROL_BYTES):
                    continue
                message = f"&{name}; refers to no character EDGAR allows"
            elif name in HTML4_ENTITIES:
                continue
            else:
                message = f"&{name}; is not an HTML 4 entity: write &amp;{name}; for the text"
            violations.append(Violation(number, message))
    return violations


def _is_sec_archives_link(url: str) -> bool:
    """A link into the EDGAR archives, or to a filed document in the inline XBRL viewer."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or (parts.hostname or "") not in SEC_HOSTS:
        return False
    if parts.path.startswith(SEC_ARCHIVES_PATH):
        return True
    viewed = parse_qs(parts.query).get("doc", [])
    return (
        parts.path == SEC_IX_VIEWER_PATH
        and bool(viewed)
        and all(document.startswith(SEC_ARCHIVES_PATH) for document in viewed)
    )


def _is_local_reference(url: str) -> bool:
    """A fragment or a file of the same submission: no scheme, no host, no absolute path."""
    parts = urlsplit(url.strip())
    return not parts.scheme and not parts.netloc and not parts.path.startswith(("/", "\\"))


class _EdgarHtmlParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.violations: list[Violation] = []
        self.table_depth = 0

    def _report(self, message: str) -> None:
        self.violations.append(Violation(self.getpos()[0], message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_tag(tag, attrs)
        if tag == "table":
            if self.table_depth:  # 5.2.2: no table inside a table
                self._report("a table nested in another table")
            self.table_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_tag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.table_depth:
            self.table_depth -= 1

    def handle_decl(self, decl: str) -> None:
        # 5.2.2: a document type declaration before <html> is accepted; nothing else is.
        if not decl.upper().startswith("DOCTYPE"):
            self._report(f"<!{decl.split()[0] if decl.split() else decl}> is not allowed")

    def unknown_decl(self, data: str) -> None:
        self._report(f"<![{data.split('[')[0]}[...]]> is not allowed")

    def handle_pi(self, data: str) -> None:
        self._report("processing instructions (<?...>) are not allowed")

    def _check_tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self._report(f"<{tag}> is not allowed: {FORBIDDEN_TAGS[tag]}")
            return
        if tag not in ALLOWED_TAGS:
            self._report(f"<{tag}> is not allowed: not in EDGAR's list of HTML tags")
            return
        allowed = ALLOWED_TAGS[tag] | GLOBAL_ATTRIBUTES
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self._report(f'event attribute {name}="..." on <{tag}> is not allowed')
            elif name not in allowed:
                self._report(f"attribute {name} is not allowed on <{tag}>")
            if name in URL_ATTRIBUTES and ACTIVE_URL.match(value):
                scheme = value.split(":", 1)[0].strip()
                self._report(f"{name}={scheme}:... on <{tag}> is active content")
            elif name in URL_ATTRIBUTES:
                self._check_url(tag, name, value)
            elif name == "style" and STYLE_REFERENCE.search(value):
                self._report(f"style on <{tag}> refers to another resource")
            elif tag == "meta" and name == "content" and META_REFRESH_URL.search(value):
                self._report("<meta> refers to another address")

    def _check_url(self, tag: str, name: str, url: str) -> None:
        if tag == "a" and name == "href" and _is_sec_archives_link(url):
            return
        if not _is_local_reference(url):
            self._report(f"{name}={url!r} on <{tag}> is an external reference")
        elif tag == "img" and not urlsplit(url).path.lower().endswith(IMAGE_EXTENSIONS):
            self._report(f"image {url!r} is not a JPG or GIF file")
