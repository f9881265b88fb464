"""`pmocat check`: validate the catalogue, roster and book of work; the CI gate."""

from __future__ import annotations

import io
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from pmocat.cli.common import CatalogueArg, CatalogueOpt, RequestsOpt, RosterOpt


class CheckFormat(str, Enum):
    text = "text"
    concise = "concise"
    json = "json"
    github = "github"
    sarif = "sarif"


def check(
    catalogue: CatalogueArg = None,
    catalogue_option: CatalogueOpt = None,
    roster: RosterOpt = None,
    requests: RequestsOpt = None,
    format: Annotated[CheckFormat, typer.Option(
        "--format", "-f",
        help="text for people; concise (one line each), json, github (annotations) or sarif "
             "(code scanning) for tools.")] = CheckFormat.text,
    select: Annotated[list[str] | None, typer.Option(
        "--select", metavar="CODE", help="Report only these codes (repeat, or comma-separated).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", metavar="CODE", help="Leave out these codes (repeat, or comma-separated).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the check too.")] = False,
    today: Annotated[str | None, typer.Option(
        "--today", metavar="YYYY-MM-DD",
        help="Judge dates (licences running out) as if today were this date.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write the report to FILE instead of the screen (the summary still goes to stderr).")] = None,
) -> None:
    """Check every file of a catalogue and report each problem at file:line:column.

    Errors are data that cannot be trusted (YAML syntax, wrong types, unknown keys,
    references to nothing); warnings are about the catalogue's sense (a service nobody
    can deliver, a price below cost). The codes are listed in docs/checks.md.

    Exit status: 0 clean (warnings allowed unless --strict), 1 problems found, 2 usage error.

    Examples:

      pmocat check catalogue

      pmocat check catalogue --strict --format github

      pmocat check catalogue --format sarif -o pmocat.sarif

      pmocat check --ignore single-chef,price-below-cost
    """
    from pmocat.checks import rules, set_today
    from pmocat.cli.common import catalogue_from, fail, load, parse_day
    from pmocat.diagnostics import Severity
    from pmocat.render import render_diagnostics, summary_line

    catalogue = catalogue_from(catalogue, catalogue_option)

    known = [rule.code for rule in rules()]
    chosen, dropped = _codes(select, "--select", known), _codes(ignore, "--ignore", known)
    set_today(parse_day(today, "--today"))
    # a check whose code is not wanted is not run (the capacity check is the costly one)
    unwanted = {code for code in known if (chosen and code not in chosen) or code in dropped}
    cat, diagnostics = load(catalogue, roster, requests, skip=unwanted)
    shown = [d for d in diagnostics if (not chosen or d.code in chosen) and d.code not in dropped]
    failing = any(d.severity is Severity.ERROR or (strict and d.severity is Severity.WARNING)
                  for d in shown)
    files = len(cat.documents)
    color = output is None and format is CheckFormat.text and _use_color()
    report = render_diagnostics(format.value, shown, files=files, color=color, width=_width())
    if output is None:
        _emit(report, 1 if failing else 0)
    else:
        try:
            output.write_text(report, encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write the report to '{output}': {exc.strerror or exc}")
        sys.stderr.write(f"pmocat: wrote {output}: {summary_line(shown, files)}\n")
    raise typer.Exit(1 if failing else 0)


def _codes(values: list[str] | None, option: str, known: list[str]) -> set[str]:
    """The codes given to --select or --ignore; one that does not exist is a usage error."""
    from pmocat.cli.common import fail
    from pmocat.words import did_you_mean

    codes = {code.strip() for value in values or [] for code in value.split(",") if code.strip()}
    for code in sorted(codes):
        if code not in known:
            hint = did_you_mean(code, known) or f"the codes are: {', '.join(known)}"
            fail(f"{option}: there is no check code '{code}'; {hint}")
    return codes


def _use_color() -> bool:
    """Colour on a terminal, unless NO_COLOR is set; FORCE_COLOR asks for it anyway."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _width() -> int:
    """The terminal's width (or $COLUMNS); 100 when writing to a pipe or a file."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(int(columns), 40)
    if sys.stdout.isatty():
        try:
            return max(os.get_terminal_size(sys.stdout.fileno()).columns, 40)
        except (OSError, ValueError):
            pass
    return 100


def _emit(report: str, code: int) -> None:
    """Write the report to stdout; a reader that goes away early (`| head`) is not an error."""
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")  # a console that cannot show │ or é
    try:
        sys.stdout.write(report)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(code) from None
