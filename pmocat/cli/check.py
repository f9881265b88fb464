"""`pmocat check`: validate the catalogue, roster and book of work; the CI gate."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmocat.cli.common import CatalogueArg, CatalogueOpt, RequestsOpt, RosterOpt

if TYPE_CHECKING:
    from pmocat.diagnostics import Diagnostic


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
    changed_since: Annotated[str | None, typer.Option(
        "--changed-since", metavar="REV",
        help="With --format github: annotate only the files changed since this branch left REV "
             "(as a pull request shows them, e.g. origin/main); the problems in other files "
             "become one notice. The exit status still counts them all.")] = None,
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

      pmocat check catalogue --format github --changed-since origin/main

      pmocat check --ignore single-chef,price-below-cost
    """
    from pmocat.checks import rules
    from pmocat.cli import output as out
    from pmocat.cli.common import catalogue_from, load, today_or
    from pmocat.diagnostics import Severity
    from pmocat.errors import PmocatError
    from pmocat.render import render_diagnostics, summary_line
    from pmocat.sources.git import changed_since as changed_files

    catalogue = catalogue_from(catalogue, catalogue_option)
    changed = None
    if changed_since is not None:  # a catalogue that is not there is load's to say
        if format is not CheckFormat.github:
            raise PmocatError("--changed-since shapes the annotations of --format github; "
                              "add --format github, or leave --changed-since out")
        if Path(catalogue).is_dir():
            changed = {path.resolve() for path in changed_files(Path(catalogue), changed_since)}

    known = [rule.code for rule in rules()]
    chosen, dropped = _codes(select, "--select", known), _codes(ignore, "--ignore", known)
    day = today_or(today)
    # a check whose code is not wanted is not run (the capacity check is the costly one)
    unwanted = {code for code in known if (chosen and code not in chosen) or code in dropped}
    cat, diagnostics = load(catalogue, roster, requests, skip=unwanted, day=day)
    shown = [d for d in diagnostics if (not chosen or d.code in chosen) and d.code not in dropped]
    failing = any(d.severity is Severity.ERROR or (strict and d.severity is Severity.WARNING)
                  for d in shown)
    files = len(cat.documents)
    color = output is None and format is CheckFormat.text and out.use_color()
    if changed is None:
        report = render_diagnostics(format.value, shown, files=files, color=color, width=out.width())
    else:
        report = _changed_only(shown, changed, catalogue, files=files)
    if output is None:
        out.write_out(report)
    else:
        out.write_file(output, report, catalogue=cat, what="the report")
        out.say(f"pmocat: wrote {output}: {summary_line(shown, files)}\n")
    raise typer.Exit(1 if failing else 0)


def _changed_only(diagnostics: list[Diagnostic], changed: set[Path], catalogue: str, *,
                  files: int) -> str:
    """The github annotations of the changed files, and one notice for the rest."""
    from pmocat.diagnostics import Diagnostic
    from pmocat.render import github

    here: list[Diagnostic] = []
    elsewhere: list[Diagnostic] = []
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        (here if Path(d.span.path).resolve() in changed else elsewhere).append(d)
    return github.render(here, files=files, elsewhere=elsewhere, catalogue=catalogue)


def _codes(values: list[str] | None, option: str, known: list[str]) -> set[str]:
    """The codes given to --select or --ignore; one that does not exist is a usage error."""
    from pmocat.errors import PmocatError
    from pmocat.words import did_you_mean

    codes = {code.strip() for value in values or [] for code in value.split(",") if code.strip()}
    for code in sorted(codes):
        if code not in known:
            hint = did_you_mean(code, known) or f"the codes are: {', '.join(known)}"
            raise PmocatError(f"{option}: there is no check code '{code}'; {hint}")
    return codes
