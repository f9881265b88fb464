"""What every command shares: loading the catalogue, refusing on errors, dates."""

from __future__ import annotations

import gc
import re
from collections.abc import Collection
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmocat.errors import PmocatError

if TYPE_CHECKING:
    from pmocat.diagnostics import Diagnostic
    from pmocat.sources.catalogue import Catalogue

#: how help names the catalogue a command reads when none is named
#: (`sources.files.default_catalogue`)
DEFAULT_CATALOGUE_HELP = ("Default: the nearest directory holding pmo.yaml, here or above, "
                          "else ./catalogue.")
CatalogueArg = Annotated[str | None, typer.Argument(
    metavar="CATALOGUE", help=f"The catalogue directory. {DEFAULT_CATALOGUE_HELP}",
    show_default=False)]
CatalogueOpt = Annotated[str | None, typer.Option(
    "--catalogue", "-c", metavar="DIR", show_default=False,
    help="The catalogue directory, as an option instead of first (as can-take takes it).")]
RosterOpt = Annotated[str | None, typer.Option(
    "--roster", metavar="FILE", help="Roster file, instead of CATALOGUE/roster.yaml.")]
RequestsOpt = Annotated[
    str | None,
    typer.Option("--requests", metavar="DIR",
                 help="Requests directory, instead of CATALOGUE/requests/."),
]
TodayOpt = Annotated[
    str | None,
    typer.Option("--today", metavar="YYYY-MM-DD", help="Answer as if today were this date."),
]


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
#: the latest --today: planning's calendar runs up to ten years past it
LATEST_TODAY = date(9989, 12, 31)


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        if not _ISO_DATE.match(value):  # fromisoformat also takes 20261201 and 2026-W49-2
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise PmocatError(
            f"{option} takes a date written YYYY-MM-DD, like 2027-03-12; got {value!r}") from None


def catalogue_from(argument: str | None, option: str | None = None) -> str:
    """The catalogue directory, named first or with --catalogue (the same one, if both);
    `sources.files.default_catalogue()` when neither names one."""
    if argument is None or option is None:
        from pmocat.sources.files import default_catalogue

        return argument or option or default_catalogue()
    if Path(argument).resolve() != Path(option).resolve():
        raise PmocatError(f"two catalogues named: '{argument}' and --catalogue '{option}'; name one")
    return argument


def today_or(value: str | None) -> date:
    """--today's date, or the real one. Planning looks ten years past today, so a today
    after LATEST_TODAY would run off the end of the calendar."""
    day = parse_day(value, "--today") or date.today()
    if day > LATEST_TODAY:
        raise PmocatError(f"--today must be no later than {LATEST_TODAY.isoformat()}: pmocat plans "
                          f"up to ten years past it, and the calendar ends in {date.max.year}")
    return day


#: set by the console script (`pmocat.cli.main`), whose process ends with its command
freeze_after_load = False


def load(catalogue: str, roster: str | None = None, requests: str | None = None, *,
         skip: Collection[str] = (), day: date) -> tuple[Catalogue, list[Diagnostic]]:
    """Load and check the catalogue; a missing path the user named is a one-line error."""
    from pmocat.checks import run_checks
    from pmocat.sources.catalogue import load_catalogue

    cat, diagnostics = load_catalogue(catalogue, roster, requests)
    diagnostics += run_checks(cat, diagnostics, skip=skip, day=day)
    if freeze_after_load:
        # the catalogue lives as long as the command: out of the collector's sight, the
        # collections that the work after this sets off no longer walk all of it each time
        # (docs/performance.md has what that saves). Only in a process that ends
        # with the command: what is frozen is never freed.
        gc.freeze()
    return cat, diagnostics


def load_trusted(catalogue: str, roster: str | None = None, requests: str | None = None,
                 *, day: date) -> tuple[Catalogue, list[Diagnostic]]:
    """Load for a command that answers: errors refuse with exit 2. Warnings are returned,
    for the command to show those that bear on its answer (`show_warnings`).

    The book-of-work check is left to `pmocat check`: these commands work out capacity
    themselves, and say so in their answer.
    """
    from pmocat.cli.output import say
    from pmocat.diagnostics import Severity
    from pmocat.render import render_diagnostics
    from pmocat.words import plural

    cat, diagnostics = load(catalogue, roster, requests, skip={"book-does-not-fit"}, day=day)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        say(render_diagnostics("concise", errors, files=len(cat.documents)))
        raise PmocatError(f"the catalogue has {plural(len(errors), 'error')}; "
                          f"run 'pmocat check {catalogue}' for details")
    return cat, diagnostics


def show_warnings(cat: Catalogue, diagnostics: list[Diagnostic], about: Collection[str],
                  catalogue: str) -> list[Diagnostic]:
    """Write to stderr the warnings about `about` (subjects: what the answer uses, as
    `diagnostics.subject` names them; those about the PMO always bear), concise and as
    harmless on a terminal as every line `say` writes, then one line counting the rest.
    Returns the warnings shown."""
    from pmocat.cli.output import say
    from pmocat.diagnostics import Severity
    from pmocat.render import render_diagnostics
    from pmocat.words import plural

    wanted = {*about, "pmo"}
    warnings = [d for d in diagnostics if d.severity is not Severity.ERROR]
    shown = [d for d in warnings if wanted.intersection(d.subjects)]
    if shown:
        say(render_diagnostics("concise", shown, files=len(cat.documents)))
    others = len(warnings) - len(shown)
    if others:
        say(f"pmocat: {plural(others, 'other warning')} in the catalogue: run 'pmocat check "
            f"{catalogue}'\n")
    return shown


def service_subjects(cat: Catalogue, service_id: str) -> set[str]:
    """A service, its ingredients and everyone qualified for a line of its recipe."""
    from pmocat.diagnostics import subject

    found = {subject("service", service_id)}
    service = cat.services.get(service_id)
    if service is None:
        return found
    found |= {subject("ingredient", i) for i in service.ingredients}
    for line in service.recipe:
        found |= {subject("person", p.id) for p in cat.qualified(line.skill, line.level)}
    return found
