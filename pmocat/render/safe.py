"""User text made harmless on a terminal: the one function every path to a screen uses.

Renderers for people (text, concise, github, the can-take and plan panels) and cli/output's
stderr call it; JSON and SARIF keep the exact text, escaped as their formats require.
"""

from __future__ import annotations

import unicodedata
from io import StringIO
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

#: categories a terminal may obey or hide: controls, format characters (bidi overrides,
#: isolates, marks, invisible tags), surrogates, private use, unassigned, line separators
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
#: format characters that only join letters (Persian, Indic scripts, emoji): kept
_JOINERS = frozenset({"\u200c", "\u200d"})


def visible(char: str) -> str:
    """One character as it can be shown on one terminal cell: a C0 control as its symbol
    (␛ for ESC, ␇ for BEL), DEL as ␡, and any other control, bidi or invisible format
    character as �, so it can neither move the cursor nor reorder the line."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if char in _JOINERS or unicodedata.category(char) not in _HIDDEN:
        return char
    return "\ufffd"


def plain(text: str) -> str:
    """User text made harmless on a terminal, newlines and tabs kept: every other control
    or bidi character shown through `visible`. Rich renders it as written when it goes
    in a `Text`; nothing here is ever read as markup."""
    if text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable():
        return text  # the usual case, decided in C: a page of text has nothing to show
    return "".join(char if char in "\n\t" else visible(char) for char in text)


def one_line(text: str) -> str:
    """`plain`, on one line: newlines, carriage returns and tabs become spaces."""
    if text.isprintable():
        return text
    return "".join(" " if char in "\r\n\t" else visible(char) for char in text)


def string_console(width: int, color: bool, **options: Any) -> tuple[Console, StringIO]:
    """A rich Console that draws into a string, for a renderer that returns text: markup,
    highlighting and emoji off, so only `Text` pmocat built is styled; `color` and
    `width` as cli/output decided them."""
    from rich.console import Console

    out = StringIO()
    console = Console(file=out, width=width, color_system="standard" if color else None,
                      force_terminal=color, no_color=not color, highlight=False, markup=False,
                      emoji=False, **options)
    return console, out
