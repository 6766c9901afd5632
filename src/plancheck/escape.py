"""Ledger text made harmless before a person sees it: the one place every human-facing
output passes through.

A ledger is text anyone in an office may have typed or pasted, so it may hold control
characters: ESC sequences that clear the screen or plant links (OSC 8), a window title
(OSC 0), a carriage return that prints one name over another ("真实名称\\r伪造名称"), C1 codes
and bidirectional overrides that reorder what is read.  `terminal_text` shows every one of
them as a visible escape (`\\x1b`, `\\r`, `\\u202e`) in a finished output, keeping line
breaks, tabs and only the exact colour codes plancheck's own tables use; `visible` does the
same for one piece of text (tables escape their cells before measuring them).  Markdown
output also keeps ledger text from making links, images, HTML or new blocks
(`markdown_inline`), and JSON output writes such characters as `\\uXXXX`
(`json_text`), which keeps the data exact.
"""

from __future__ import annotations

import re

_PROPER = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
# and a file name's bytes that are not UTF-8 (os.fsdecode's surrogate escapes)
_CONTROLS = _PROPER + "\ud800-\udfff"
_CONTROL = re.compile(f"[{_CONTROLS}]")
_SHORT = {"\r": "\\r", "\x0b": "\\v", "\x0c": "\\f", "\x08": "\\b", "\x07": "\\a"}

# The colour codes of render/table.py and render/rollup.py, and nothing else.
COLOURS = ("\x1b[32m", "\x1b[33m", "\x1b[1;31m", "\x1b[1m", "\x1b[1;36m", "\x1b[0m")
_CONTROL_OR_COLOUR = re.compile("(" + "|".join(re.escape(c) for c in COLOURS) + f")|[{_CONTROLS}]")


def _escape_one(char: str) -> str:
    short = _SHORT.get(char)
    if short is not None:
        return short
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # the byte os.fsdecode could not decode: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character (but line breaks and tabs) as a visible escape."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(lambda m: _escape_one(m.group()), text)


def terminal_text(output: str, *, colour: bool = False) -> str:
    """A finished human-facing output made safe for a terminal; with `colour`, plancheck's
    own colour codes (and only those) are kept."""
    if not colour:
        return visible(output)
    return _CONTROL_OR_COLOUR.sub(lambda m: m.group(1) or _escape_one(m.group()), output)


_MARKDOWN_SPECIAL = re.compile(r"([\\\[\]<>|!`*_])")


def markdown_inline(text: str) -> str:
    """Ledger text for a Markdown cell or paragraph: control characters escaped, a line
    break made a space (it would end the cell or start a block), and the characters that
    make links, images, HTML, code or emphasis backslash-escaped (they show as themselves)."""
    text = visible(text.replace("\r\n", " ").replace("\n", " "))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def spreadsheet_text(text: str) -> str:
    """Text a worksheet can hold: a vertical tab (Word's soft line break) becomes a line
    break; the other characters XML cannot carry (NUL, ESC …) become visible escapes."""
    if _XML_ILLEGAL.search(text) is None:
        return text
    return _XML_ILLEGAL.sub(lambda m: "\n" if m.group() == "\x0b" else _escape_one(m.group()), text)


_CONTROL_PROPER = re.compile(f"[{_PROPER}]")


def has_controls(text: str) -> bool:
    """Whether `text` holds a control character other than a line break or a tab (the
    bytes of a file name that are not UTF-8 are no control)."""
    return _CONTROL_PROPER.search(text) is not None


_JSON_UNSAFE = re.compile(f"[{_CONTROLS}]")


def json_text(output: str) -> str:
    """JSON text with the characters a terminal would act on written as `\\uXXXX` escapes
    (json.dumps already escapes C0; this adds DEL, C1 and the bidirectional controls)."""
    if _JSON_UNSAFE.search(output) is None:
        return output
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", output)
