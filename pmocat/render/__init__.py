"""Turning results into text: every renderer returns a string, only the CLI prints."""

from __future__ import annotations

import importlib

from pmocat.diagnostics import Diagnostic
from pmocat.words import plural

#: --format name -> module in pmocat.render with `render(diagnostics, files=…) -> str`
DIAGNOSTIC_FORMATS = {
    "text": "text",
    "concise": "concise",
    "json": "json_format",
    "github": "github",
    "sarif": "sarif",
}


def render_diagnostics(fmt: str, diagnostics: list[Diagnostic], *, files: int,
                       color: bool = False, width: int = 100) -> str:
    """Diagnostics in one of DIAGNOSTIC_FORMATS, sorted by file and position."""
    module = importlib.import_module(f"pmocat.render.{DIAGNOSTIC_FORMATS[fmt]}")
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    if fmt == "text":
        return module.render(ordered, files=files, color=color, width=width)  # type: ignore[no-any-return]
    return module.render(ordered, files=files)  # type: ignore[no-any-return]


def summary_counts(diagnostics: list[Diagnostic]) -> dict[str, int]:
    counts = {"errors": 0, "warnings": 0, "infos": 0}
    for d in diagnostics:
        counts[{"error": "errors", "warning": "warnings", "info": "infos"}[d.severity.value]] += 1
    return counts


def summary_line(diagnostics: list[Diagnostic], files: int) -> str:
    """"2 errors, 1 warning in 3 of 14 files." or "All clear: 14 files checked, no problems."."""
    if not diagnostics:
        return f"All clear: {plural(files, 'file')} checked, no problems."
    counts = summary_counts(diagnostics)
    parts = [plural(counts[key], word) for key, word in
             (("errors", "error"), ("warnings", "warning"), ("infos", "note")) if counts[key]]
    with_problems = len({d.span.path for d in diagnostics})
    checked = max(files, with_problems)
    where = (plural(checked, "file") if with_problems == checked
             else f"{with_problems} of {plural(checked, 'file')}")
    return f"{', '.join(parts)} in {where}."
