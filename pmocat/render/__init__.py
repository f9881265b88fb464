# LEAD NOTE (remove when done): `pmocat check` (pmocat/cli/check.py) and the text, concise, json, github
# and sarif renderers are already built and committed by the lead. Build on them, do not rewrite them.
# Still missing: tests/cli/test_check*.py (exit codes, every format, --select/--ignore/--strict, no
# traceback on bad input via subprocess), golden cases in tests/cases/check/, SARIF schema validation.
"""Turning results into text: every renderer returns a string, only the CLI prints."""

from __future__ import annotations

import importlib

from pmocat.diagnostics import Diagnostic

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
