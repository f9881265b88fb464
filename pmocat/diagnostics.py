"""Diagnostics are data: every layer returns them, only the CLI prints them.

Positions are 1-based lines and columns, in text and JSON alike.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Span:
    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


def subject(kind: str, ident: str = "") -> str:
    """What a diagnostic is about, as 'service:risk-workshop', 'person:asha' or 'pmo'."""
    return f"{kind}:{ident}" if ident else kind


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    span: Span
    hint: str | None = None
    #: the entities it is about (`subject`), set by the check that found it; empty when
    #: it is about a file rather than an entity. Commands that answer a question show the
    #: warnings about what the answer uses, and count the rest.
    subjects: tuple[str, ...] = ()

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.span.path, self.span.line, self.span.column, self.code, self.message)


def error(code: str, message: str, span: Span, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, span, hint)


def warning(code: str, message: str, span: Span, hint: str | None = None,
            subjects: tuple[str, ...] = ()) -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, message, span, hint, subjects)


def info(code: str, message: str, span: Span, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.INFO, message, span, hint)


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
