"""Diagnostics for people: grouped by file, each with its source line and a caret."""

from __future__ import annotations

import re
from io import StringIO
from itertools import groupby
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from pmocat.diagnostics import Diagnostic
from pmocat.render import summary_counts

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_TOKEN = re.compile(r"[{\[]|(?:[^\s,\]}:{\[]|:(?!\s|$))+|\S")


def _source_lines(path: str) -> list[str]:
    try:
        return Path(path).read_bytes().decode("utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(diagnostics: list[Diagnostic], files: int) -> str:
    counts = summary_counts(diagnostics)
    checked = _plural(files, "file")
    if not diagnostics:
        return f"All clear: {checked} checked, no problems."
    parts = [_plural(counts["errors"], "error"), _plural(counts["warnings"], "warning")]
    if counts["infos"]:
        parts.append(_plural(counts["infos"], "note"))
    return f"{', '.join(parts)} in {checked}."


def render(diagnostics: list[Diagnostic], *, files: int, color: bool = False, width: int = 100) -> str:
    out = StringIO()
    console = Console(file=out, width=width, color_system="standard" if color else None,
                      force_terminal=color, no_color=not color, highlight=False,
                      emoji=False, soft_wrap=True)
    for path, group in groupby(diagnostics, key=lambda d: d.span.path):
        console.print(f"[bold underline]{escape(path)}[/]")
        lines = _source_lines(path)
        for d in group:
            style = _STYLE[d.severity.value]
            where = f"{d.span.line}:{d.span.column}"
            console.print(f"  [dim]{where:>7}[/]  [{style}]{d.severity.value}[/] "
                          f"[bold]{d.code}[/]  {escape(d.message)}")
            if 0 < d.span.line <= len(lines):
                text = lines[d.span.line - 1].expandtabs(1)
                if len(text) > width - 12:
                    text = text[: width - 13] + "…"
                token = _TOKEN.match(text, d.span.column - 1)
                length = len(token.group()) if token else 1
                console.print(f"  [dim]{d.span.line:>7} │[/] {escape(text)}")
                console.print(f"  [dim]{'':>7} │[/] {' ' * (d.span.column - 1)}[{style}]{'^' * length}[/]")
            if d.hint:
                console.print(f"  {'':>7}   [green]help:[/] {escape(d.hint)}")
        console.print()
    tally = summary_line(diagnostics, files)
    console.print(f"[bold {'red' if diagnostics else 'green'}]{escape(tally)}[/]")
    return out.getvalue()
