"""Diagnostics for people: grouped by file, each with its source line and a caret under it.

The files are read again, lazily, only for the files that have problems, and only as
pmocat.sources reads them (a regular file, no bigger than the limit); a file that is gone,
unreadable or not text just goes without its source line, and a file that was refused
(a link out of the catalogue, a pipe) is never opened.
"""

from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.text import Text

from pmocat.diagnostics import Diagnostic
from pmocat.render import summary_counts, summary_line
from pmocat.render.safe import one_line, string_console, visible
from pmocat.sources.yamlfile import NOT_READ, read_regular

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
#: the line breaks libyaml counts (YAML 1.1's, including NEL and the Unicode separators)
_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_TAB = 4


def _source_lines(path: str, group: list[Diagnostic]) -> list[str] | None:
    """The file's lines, when a diagnostic shows one; never for a file that was refused."""
    if any(d.code in NOT_READ for d in group) or not any(d.span.line > 0 for d in group):
        return None
    data = read_regular(Path(path), path)
    if not isinstance(data, bytes):
        return None
    # the encodings libyaml reads: UTF-8, or UTF-16 with a byte order mark
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    return _BREAKS.split(data.decode(encoding, errors="replace"))


def _display(line: str) -> tuple[str, list[int]]:
    """The line as shown, and for each character of the line the cell it starts at."""
    shown: list[str] = []
    starts: list[int] = []
    cells = 0
    for char in line:
        starts.append(cells)
        piece = " " * (_TAB - cells % _TAB) if char == "\t" else visible(char)
        shown.append(piece)
        cells += cell_len(piece)
    starts.append(cells)
    return "".join(shown), starts


def _extent(line: str, start: int) -> int:
    """How many characters of the token at `start` to underline (at least one).

    A space or tab alone (a tab where YAML wants spaces is a common mistake); a quoted
    scalar to its closing quote; a flow collection to its closing bracket when that is on
    the same line; a plain scalar to the end of its value, where `: ` ends a key, ` #` a
    comment, and inside `[...]` or `{...}` a comma or a bracket an item.
    """
    if start >= len(line) or line[start].isspace():
        return 1
    char = line[start]
    if char in "\"'":
        end = start + 1
        while end < len(line):
            escaped = line[end:end + 2] == ("\\" + line[end + 1:end + 2] if char == '"' else "''")
            if escaped:
                end += 2
            elif line[end] == char:
                return end - start + 1
            else:
                end += 1
        return max(len(line.rstrip()) - start, 1)
    if char in "[{":
        closings, _ = _brackets(line, start)
        return next((n - start + 1 for n, depth in closings if depth == 0), 1)
    in_flow = _brackets(line[:start], 0)[1] > 0
    end = start
    while end < len(line):
        c, before, after = line[end], line[end - 1:end], line[end + 1:end + 2]
        ends_key = c == ":" and after in ("", " ", "\t")
        comment = c == "#" and before in (" ", "\t")
        ends_item = in_flow and (c in ",[]{}" or (c == ":" and after in (",", "[", "]", "{", "}")))
        if ends_key or comment or ends_item:
            break
        end += 1
    return max(len(line[start:end].rstrip()), 1)


def _brackets(line: str, start: int) -> tuple[list[tuple[int, int]], int]:
    """Each closing bracket from `start` on with the depth it leaves, and the depth at the end.

    Brackets inside quoted scalars do not count; a quote opens a scalar only where a
    scalar can start (so the apostrophe in `Ann's` is just a letter).
    """
    closings: list[tuple[int, int]] = []
    depth, quote = 0, ""
    for n in range(start, len(line)):
        c = line[n]
        if quote:
            quote = "" if c == quote else quote
        elif c in "\"'" and (n == 0 or line[n - 1] in " \t[{,:"):
            quote = c
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
            closings.append((n, depth))
    return closings, max(depth, 0)


def _excerpt(line: str, column: int, room: int) -> tuple[str, int, int]:
    """The part of `line` to show in `room` cells around `column` (1-based), with where the
    caret starts and how many cells it covers."""
    start = min(max(column - 1, 0), len(line))
    length = _extent(line, start)
    shown, starts = _display(line)
    caret_at = starts[start]
    caret_len = max(starts[min(start + length, len(line))] - caret_at, 1)
    if cell_len(shown) <= room:
        return shown, caret_at, caret_len
    # too long for the screen: a window that keeps the caret in view, with … at the cut ends
    begin = max(min(caret_at - room // 3, cell_len(shown) - room + 1), 0)
    kept: list[str] = []
    cell, actual = 0, -1
    for char in shown:
        if cell >= begin:
            actual = cell if actual < 0 else actual
            kept.append(char)
        cell += cell_len(char)
    actual = max(actual, 0)
    lead = "…" if actual else ""
    body = "".join(kept)
    if cell_len(body) > room - len(lead):
        body = set_cell_size(body, room - len(lead) - 1) + "…"
    caret_at = caret_at - actual + len(lead)
    return lead + body, caret_at, max(min(caret_len, room - caret_at), 1)


def render(diagnostics: list[Diagnostic], *, files: int, color: bool = False, width: int = 100) -> str:
    console, out = string_console(width, color, soft_wrap=True)
    for path, grouped in groupby(diagnostics, key=lambda d: d.span.path):
        group = list(grouped)
        _render_file(console, path, group, width)
    counts = summary_counts(diagnostics)
    tone = "bold red" if counts["errors"] else "bold yellow" if counts["warnings"] else "bold green"
    console.print(Text(summary_line(diagnostics, files), style=tone))
    return out.getvalue()


def _render_file(console: Console, path: str, group: list[Diagnostic], width: int) -> None:
    lines = _source_lines(path, group)
    gutter = max(len(str(d.span.line)) for d in group)
    where = max(len(f"{d.span.line}:{d.span.column}") for d in group)
    severity = max(len(d.severity.value) for d in group)
    indent = " " * (4 + gutter)
    room = max(width - len(indent) - 3, 20)
    console.print(Text(one_line(path), style="bold underline"))
    for n, d in enumerate(group):
        if n:
            console.print()
        style = _STYLE[d.severity.value]
        console.print(Text.assemble(
            "  ", (f"{d.span.line}:{d.span.column}".ljust(where), "dim"), "  ",
            (d.severity.value.ljust(severity), style), " ", (d.code, "bold"), "  ", one_line(d.message),
        ))
        if lines is not None and 0 < d.span.line <= len(lines):
            text, caret_at, caret_len = _excerpt(lines[d.span.line - 1], d.span.column, room)
            console.print(Text.assemble(
                ("    " + str(d.span.line).rjust(gutter) + " │ ", "dim"), text))
            console.print(Text.assemble(
                (indent + " │ ", "dim"), " " * caret_at, ("^" * caret_len, style)))
        if d.hint:
            console.print(Text.assemble(indent + " = ", ("help: ", "bold green"), one_line(d.hint)))
    console.print()
