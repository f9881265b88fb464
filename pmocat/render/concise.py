"""`path:line:column: severity code message`, one a line: for editors, grep and pre-commit.

Read on a terminal as often as by a tool, so the path and message are made harmless there.
"""

from __future__ import annotations

from pmocat.diagnostics import Diagnostic
from pmocat.render.safe import one_line


def render(diagnostics: list[Diagnostic], *, files: int) -> str:
    return "".join(
        f"{one_line(str(d.span))}: {d.severity.value} {d.code} {one_line(d.message)}\n"
        for d in diagnostics
    )
