"""Characters for EDGAR documents, which must keep to EDGAR's character set (EDGAR Filer Manual
Vol. II 5.2.1.1: printable ASCII but "^"): in HTML every other character is written as a
decimal character reference (5.2.2); in an ASCII document it is spelled with ASCII letters or,
failing that, becomes "?". And user text in an ASCII document never forms a tag (5.2.1.3)."""

import re
import unicodedata

# Printable ASCII characters that are not in EDGAR's character set (5.2.1.1).
OUTSIDE_EDGAR_SET = "^"
# In an ASCII document EDGAR reads "<" followed by a letter, "/" or "!" as the start of a tag
# (5.2.1.3, tag construction: <PAGE>, <TABLE>, </TEXT>, <!-- ...). A space after the "<"
# keeps the text as it reads and makes it no tag.
TAG_START = re.compile(r"<(?=[A-Za-z/!])")
# A hexadecimal character reference, as Django's escaping writes the apostrophe ("&#x27;").
HEX_REFERENCE = re.compile(r"&#[xX]([0-9a-fA-F]+);")

# Control characters that carry no text: dropped from HTML. C1 controls (U+0080 to U+009F) in
# particular, since browsers read "&#150;" as the Windows-1252 en dash, not as U+0096.
_INVISIBLE_CONTROLS = {
    code: None for code in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if chr(code) not in "\t\n\r"
}

# Punctuation and symbols that NFKD decomposition does not bring to ASCII, spelled as a careful
# typist would on a typewriter. Letters with accents are left to NFKD (e -> e + accent).
ASCII_SPELLINGS = {
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark, apostrophe
    "\u201a": "'",  # single low-9 quotation mark
    "\u201b": "'",
    "\u2032": "'",  # prime
    "\u00b4": "'",  # acute accent
    "\u201c": '"',  # left double quotation mark
    "\u201d": '"',  # right double quotation mark
    "\u201e": '"',  # double low-9 quotation mark
    "\u201f": '"',
    "\u2033": '"',  # double prime
    "\u00ab": '"',  # guillemets
    "\u00bb": '"',
    "\u2039": "'",
    "\u203a": "'",
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2212": "-",  # minus sign
    "\u2014": "--",  # em dash
    "\u2015": "--",  # horizontal bar
    "\u00ad": "",  # soft hyphen
    "\u200b": "",  # zero-width space
    "\ufeff": "",  # byte order mark
    "\u00a0": " ",  # no-break space
    "\u2028": "\n",  # line separator
    "\u2029": "\n\n",  # paragraph separator
    "\t": " ",
    "\u2026": "...",  # ellipsis
    "\u2022": "*",  # bullet
    "\u00b7": "*",  # middle dot
    "\u2044": "/",  # fraction slash
    "\u00a7": "Section ",
    "\u00b6": "Paragraph ",
    "\u00a9": "(c)",
    "\u00ae": "(R)",
    "\u2122": "(TM)",
    "\u00b0": " degrees",
    "\u00d7": "x",
    "\u00f7": "/",
    "\u20ac": "EUR ",
    "\u00a3": "GBP ",
    "\u00a5": "JPY ",
    "\u00a2": " cents",
    # Letters NFKD leaves alone.
    "\u00df": "ss",
    "\u00e6": "ae",
    "\u00c6": "AE",
    "\u0153": "oe",
    "\u0152": "OE",
    "\u00f8": "o",
    "\u00d8": "O",
    "\u0142": "l",
    "\u0141": "L",
    "\u0111": "d",
    "\u0110": "D",
    "\u00f0": "d",
    "\u00d0": "D",
    "\u00fe": "th",
    "\u00de": "Th",
    "\u0131": "i",
}


def character_references(text: str) -> str:
    """`text` with every character outside EDGAR's character set written as a decimal
    character reference ("\u2014" -> "&#8212;", "^" -> "&#94;"), hexadecimal references
    written in decimal ("&#x27;" -> "&#39;": 5.2.2 takes decimal ones), and control characters
    other than tab and line breaks dropped. Markup in `text` is left as it is: escape user
    text first."""
    text = HEX_REFERENCE.sub(lambda match: f"&#{int(match.group(1), 16)};", text)
    text = text.translate(_INVISIBLE_CONTROLS)
    return "".join(
        character
        if character.isascii() and character not in OUTSIDE_EDGAR_SET
        else f"&#{ord(character)};"
        for character in text
    )


def printable_ascii(text: str) -> str:
    """`text` in EDGAR's character set and line feeds: typographic punctuation from the table
    above, accented letters without their accents (NFKD), and "?" for anything else ("^"
    included)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(_ascii_spelling(character) for character in text)


def ascii_text(text: str) -> str:
    """User text for an ASCII EDGAR document: printable_ascii(), and no "<" that would start a
    tag ("<PAGE>" -> "< PAGE>", "</TEXT>" -> "< /TEXT>")."""
    return TAG_START.sub("< ", printable_ascii(text))


def _ascii_spelling(character: str) -> str:
    if character in OUTSIDE_EDGAR_SET:
        return "?"
    if " " <= character <= "~" or character == "\n":
        return character
    if character in ASCII_SPELLINGS:
        return ASCII_SPELLINGS[character]
    if _is_mark(character) or unicodedata.category(character) == "Cf":
        # A combining accent of decomposed text ("e" + U+0301), or an invisible format
        # character such as a left-to-right mark: nothing to print.
        return ""
    decomposed = unicodedata.normalize("NFKD", character)
    if decomposed != character:
        spelled = "".join(_ascii_spelling(part) for part in decomposed if not _is_mark(part))
        if spelled.strip("?"):
            return spelled
    return "?"


def _is_mark(character: str) -> bool:
    return unicodedata.category(character).startswith("M")
