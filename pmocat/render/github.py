"""Diagnostics as GitHub Actions workflow commands: annotations on the pull request's lines.

Escaping follows the runner's own (actions/toolkit `command.ts`): `%`, CR and LF in the
message; also `:` and `,` in the properties, where they would end a value. The log that
shows them is a terminal too (it obeys colour and other escape sequences), so the text is
made harmless first, as on any terminal.
"""

from __future__ import annotations

from pathlib import PurePath

from pmocat.diagnostics import Diagnostic
from pmocat.render.safe import plain

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    # CR and LF are the runner's to encode (and decode); every other control is shown
    return "%0D".join(plain(part).replace("%", "%25").replace("\n", "%0A")
                      for part in text.split("\r"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(diagnostics: list[Diagnostic], *, files: int) -> str:
    lines = []
    for d in diagnostics:
        message = d.message + (f"\nhelp: {d.hint}" if d.hint else "")
        path = PurePath(d.span.path).as_posix()
        lines.append(
            f"::{_LEVEL[d.severity.value]} file={escape_property(path)},line={d.span.line},"
            f"col={d.span.column},title={escape_property('pmocat ' + d.code)}::{escape_data(message)}\n"
        )
    return "".join(lines)
