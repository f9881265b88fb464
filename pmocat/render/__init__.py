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


def render_diagnostics(fmt: str, diagnostics: list[Diagnostic], *, files: int) -> str:
    module = importlib.import_module(f"pmocat.render.{DIAGNOSTIC_FORMATS[fmt]}")
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    return module.render(ordered, files=files)  # type: ignore[no-any-return]
