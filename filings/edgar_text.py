"""Characters for EDGAR documents, which must be ASCII (FORM_12B25.md section 5): in HTML every
other character is written as a character reference; in an ASCII document it is spelled with
ASCII letters or, failing that, becomes "?"."""

import unicodedata

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
    """`text` with every character outside ASCII written as a decimal character reference
    ("\u2014" -> "&#8212;") and control characters other than tab and line breaks dropped.
    Markup in `text` is left as it is: escape user text first."""
    text = text.translate(_INVISIBLE_CONTROLS)
    if text.isascii():
        return text
    return "".join(
        character if character.isascii() else f"&#{ord(character)};" for character in text
    )


def printable_ascii(text: str) -> str:
    """`text` in printable ASCII and line feeds: typographic punctuation from the table above,
    accented letters without their accents (NFKD), and "?" for anything else."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(_ascii_spelling(character) for character in text)


def _ascii_spelling(character: str) -> str:
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
