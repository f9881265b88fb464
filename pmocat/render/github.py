"""Diagnostics as GitHub Actions workflow commands: annotations on the pull request's lines."""

from __future__ import annotations

from pmocat.diagnostics import Diagnostic

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(diagnostics: list[Diagnostic], *, files: int) -> str:
    lines = []
    for d in diagnostics:
        message = d.message + (f"\nhelp: {d.hint}" if d.hint else "")
        lines.append(
            f"::{_LEVEL[d.severity.value]} file={_property(d.span.path)},line={d.span.line},"
            f"col={d.span.column},title={_property('pmocat ' + d.code)}::{_data(message)}\n"
        )
    return "".join(lines)
