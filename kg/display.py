"""Showing data safely: control characters escaped in the terminal, bidi controls made visible.

A label is data, and data must not drive the terminal or rearrange what is shown:

- :func:`terminal_text` escapes C0 and C1 control characters (``\\x1b`` and the rest: escape
  sequences that clear the screen or set the window title), DEL, and the bidi embedding,
  override and isolate characters, so what prints is what the data holds;
- :func:`neutral_bidi` replaces the bidi embedding, override and isolate characters (U+202A to
  U+202E, U+2066 to U+2069) with a visible ``[U+202E]``, for the explorer page, where
  "U+202E evil" would otherwise display as "live". Marks (LRM, RLM, ALM) stay: they only
  nudge neutral characters and are common in Arabic text;
- :func:`bidi_controls` names those characters in a text, for ``kg validate``'s warnings.

>>> terminal_text("evil\\x1b]0;owned\\x07 \\u202eabc")
'evil\\\\x1b]0;owned\\\\x07 [U+202E]abc'
>>> neutral_bidi("\\u202eevil")
'[U+202E]evil'
>>> bidi_controls("a\\u2067b\\u2069")
['U+2067 RIGHT-TO-LEFT ISOLATE', 'U+2069 POP DIRECTIONAL ISOLATE']
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

__all__ = ["terminal_text", "message_line", "neutral_bidi", "bidi_controls", "BIDI_CONTROLS", "display_path"]

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""The embedding, override and isolate characters (and their terminators) of the Unicode bidi algorithm."""

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def neutral_bidi(text: str) -> str:
    """``text`` with each bidi embedding, override or isolate character shown as ``[U+XXXX]``."""
    return _BIDI.sub(lambda m: f"[U+{ord(m[0]):04X}]", text) if _BIDI.search(text) else text


def terminal_text(text: str, *, keep: str = "") -> str:
    """``text`` safe to print: control characters (except those in ``keep``, e.g. newline)
    escaped as ``\\xNN``, bidi controls shown as ``[U+XXXX]``."""
    text = _CONTROL.sub(lambda m: m[0] if m[0] in keep else f"\\x{ord(m[0]):02x}", text)
    return neutral_bidi(text)


def bidi_controls(text: str) -> list[str]:
    """The bidi embedding, override and isolate characters in ``text``, by code point and name."""
    found = sorted(set(_BIDI.findall(text)))
    return [f"U+{ord(c):04X} {unicodedata.name(c)}" for c in found]



def message_line(text: str, *, longest: int = 120) -> str:
    """``text`` as one line for an error message: newlines folded, :func:`terminal_text` applied,
    and any run of more than ``longest`` characters without a space shortened in the middle.

    >>> message_line("kg_timeline is " + "9" * 500 + "\\nnext")
    'kg_timeline is 99999999999999999999999999999999999999999999999999...(430 more)...99999999999999999999 next'
    """
    def shorten(match: re.Match[str]) -> str:
        word = match[0]
        return f"{word[:50]}...({len(word) - 70} more)...{word[-20:]}"

    text = " ".join(terminal_text(text, keep="\n").splitlines())
    return re.sub(rf"\S{{{longest + 1},}}", shorten, text)


def display_path(path: Path) -> str:
    """``path`` as messages show it: relative to the working folder when that is shorter."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return rel if not rel.startswith("..") else str(path)
