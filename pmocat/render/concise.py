"""`path:line:column: severity code message`, one a line: for editors and grep."""

from __future__ import annotations

from pmocat.diagnostics import Diagnostic


def render(diagnostics: list[Diagnostic], *, files: int) -> str:
    return "".join(
        f"{d.span}: {d.severity.value} {d.code} {d.message}\n" for d in diagnostics
    )
