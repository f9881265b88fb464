"""`pmocat check`: validate the catalogue, roster and book of work; the CI gate."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from pmocat.cli.common import RequestsOpt, RosterOpt, TodayOpt


class CheckFormat(str, Enum):
    text = "text"
    concise = "concise"
    json = "json"
    github = "github"
    sarif = "sarif"


def _codes(values: list[str] | None) -> set[str]:
    return {code.strip() for value in values or [] for code in value.split(",") if code.strip()}


def check(
    catalogue: Annotated[str, typer.Argument(help="The catalogue directory.")] = "catalogue",
    roster: RosterOpt = None,
    requests: RequestsOpt = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="How to report.")] = CheckFormat.text,
    select: Annotated[list[str] | None, typer.Option(
        "--select", metavar="CODE", help="Report only these codes (repeat, or comma-separated).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", metavar="CODE", help="Leave out these codes (repeat, or comma-separated).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the check too.")] = False,
    today: TodayOpt = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the report to this file instead of the screen.")] = None,
) -> None:
    """Check every file of a catalogue, reporting each problem at file:line:column.

    Exit status: 0 clean (warnings allowed unless --strict), 1 problems found, 2 usage error.

    Examples:

      pmocat check catalogue

      pmocat check catalogue --format github      # annotations in a GitHub workflow

      pmocat check --select unknown-reference,missing-key --strict
    """
    from pmocat.checks import rules, set_today
    from pmocat.cli.common import fail, load, parse_day
    from pmocat.diagnostics import Severity
    from pmocat.render import render_diagnostics
    from pmocat.sources.validation import did_you_mean

    known = {rule.code for rule in rules()}
    chosen, dropped = _codes(select), _codes(ignore)
    for code in sorted(chosen | dropped):
        if code not in known:
            hint = did_you_mean(code, sorted(known))
            fail(f"there is no check code '{code}'" + (f"; {hint}" if hint else
                 "; the codes are listed in docs/checks.md"))
    set_today(parse_day(today, "--today"))
    cat, diagnostics = load(catalogue, roster, requests)
    shown = [d for d in diagnostics
             if (not chosen or d.code in chosen) and d.code not in dropped]
    color = output is None and format is CheckFormat.text and sys.stdout.isatty() \
        and "NO_COLOR" not in os.environ
    width = min(os.get_terminal_size().columns if color else 100, 120)
    report = render_diagnostics(format.value, shown, files=len(cat.documents), color=color,
                                width=width)
    if output is not None:
        try:
            output.write_text(report, encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write the report to '{output}': {exc.strerror or exc}")
    else:
        sys.stdout.write(report)
    failing = [d for d in shown if d.severity is Severity.ERROR
               or (strict and d.severity is Severity.WARNING)]
    raise typer.Exit(1 if failing else 0)
