"""`path:line:column: severity code message`, one a line: for editors, grep and pre-commit."""

from __future__ import annotations

from pmocat.diagnostics import Diagnostic


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


def render(diagnostics: list[Diagnostic], *, files: int) -> str:
    return "".join(
        f"{_one_line(str(d.span))}: {d.severity.value} {d.code} {_one_line(d.message)}\n"
        for d in diagnostics
    )
