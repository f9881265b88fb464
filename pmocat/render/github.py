"""Diagnostics as GitHub Actions workflow commands: annotations on the pull request's lines.

Escaping follows the runner's own (actions/toolkit `command.ts`): `%`, CR and LF in the
message; also `:` and `,` in the properties, where they would end a value. The log that
shows them is a terminal too (it obeys colour and other escape sequences), so the text is
made harmless first, as on any terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from pmocat.diagnostics import Diagnostic
from pmocat.render.safe import plain
from pmocat.words import plural

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    # CR and LF are the runner's to encode (and decode); every other control is shown
    return "%0D".join(plain(part).replace("%", "%25").replace("\n", "%0A")
                      for part in text.split("\r"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(diagnostics: list[Diagnostic], *, files: int, elsewhere: Sequence[Diagnostic] = (),
           catalogue: str = "catalogue") -> str:
    """One annotation per diagnostic; those `elsewhere` (in files the pull request does not
    change) are one notice, so a review shows the problems it brings, not every old one."""
    lines = []
    for d in diagnostics:
        message = d.message + (f"\nhelp: {d.hint}" if d.hint else "")
        path = PurePath(d.span.path).as_posix()
        lines.append(
            f"::{_LEVEL[d.severity.value]} file={escape_property(path)},line={d.span.line},"
            f"col={d.span.column},title={escape_property('pmocat ' + d.code)}::{escape_data(message)}\n"
        )
    if elsewhere:
        lines.append(f"::notice title=pmocat::{escape_data(_elsewhere(elsewhere, catalogue))}\n")
    return "".join(lines)


def _elsewhere(diagnostics: Sequence[Diagnostic], catalogue: str) -> str:
    """'12 more problems (2 errors, 10 warnings) in files this pull request does not change:
    run 'pmocat check catalogue' to see them'."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for d in diagnostics:
        counts[d.severity.value] += 1
    kinds = [plural(counts[key], word) for key, word in
             (("error", "error"), ("warning", "warning"), ("info", "note")) if counts[key]]
    more = plural(len(diagnostics), "more problem")
    return (f"{more} ({', '.join(kinds)}) in files this pull request does not change: "
            f"run 'pmocat check {catalogue}' to see them")
