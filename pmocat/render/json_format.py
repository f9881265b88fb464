"""Diagnostics as one JSON object, exactly as the spec's `check --format json`."""

from __future__ import annotations

import json

from pmocat.diagnostics import Diagnostic
from pmocat.render import summary_counts


def render(diagnostics: list[Diagnostic], *, files: int) -> str:
    report = {
        "diagnostics": [
            {"code": d.code, "severity": d.severity.value, "message": d.message,
             "path": d.span.path, "line": d.span.line, "column": d.span.column, "hint": d.hint}
            for d in diagnostics
        ],
        "summary": {**summary_counts(diagnostics), "files": files},
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
