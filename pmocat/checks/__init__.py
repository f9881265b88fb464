"""The catalogue's checks: one module per code, each documented by its docstring.

A check module has `CODE`, `SEVERITY` and `run(cat, day) -> Iterable[Diagnostic]`, judging
as if today were `day` (passed in, as yamllint passes a rule its `conf`); its
docstring is its documentation, with a failing and a passing example. The codes that
`pmocat.sources` reports while reading the files have a module too, with `run = None`.
Adding a check is one new module and one line in MODULES.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, has_errors

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

#: the codes reported while reading the files (by pmocat.sources), documented in this order
LOADING = [
    "yaml_syntax",
    "encoding",
    "yaml_tag",
    "yaml_key",
    "yaml_merge",
    "yaml_too_deep",
    "yaml_too_large",
    "duplicate_key",
    "empty_file",
    "unreadable_file",
    "unsafe_path",
    "missing_file",
    "missing_key",
    "unknown_key",
    "invalid_type",
    "invalid_value",
    "duplicate_id",
    "filename_mismatch",
]

#: the checks over a loaded catalogue, in the order they run and are documented
MODULES = [
    "unknown_reference",
    "missing_due",
    "due_before_start",
    "unknown_level",
    "unknown_country",
    "overlapping_hours",
    "uncookable_service",
    "single_chef",
    "ingredient_retired",
    "ingredient_not_ready",
    "ingredient_expiring",
    "accepted_not_on_menu",
    "price_below_cost",
    "over_committed",
    # owned by planning: an accepted book of work that does not fit the roster; keep it last,
    # it is the slowest
    "book_fits",
]

#: checks that plan on the catalogue, which only makes sense once it has no errors
NEED_NO_ERRORS = {"book_fits"}

@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    doc: str
    run: Callable[[Catalogue, date], Iterable[Diagnostic]] | None

    @property
    def title(self) -> str:
        """The documentation's first line, without the code."""
        return self.doc.strip().splitlines()[0].removeprefix(f"{self.code}: ")

    @property
    def body(self) -> str:
        return self.doc.strip().partition("\n")[2].strip()


def _rule(name: str) -> Rule:
    module = importlib.import_module(f"pmocat.checks.{name}")
    return Rule(module.CODE, module.SEVERITY, module.__doc__ or "", module.run)


def rules() -> list[Rule]:
    """Every code pmocat can report: the loader's first, then each check's."""
    return [_rule(name) for name in (*LOADING, *MODULES)]


def run_checks(cat: Catalogue, loaded: list[Diagnostic], *, day: date,
               warnings: bool = True, skip: Collection[str] = ()) -> list[Diagnostic]:
    """Every check over a loaded catalogue (`loaded`: what reading the files found).

    Each check judges as if today were `day`; `warnings=False` runs only the checks that
    can find errors, for a command that needs only to know whether the catalogue can be
    trusted. Checks whose code is in `skip` are not run at all (the capacity check is
    worth skipping when its answer is not wanted).
    """
    found: list[Diagnostic] = []
    for name in MODULES:
        rule = _rule(name)
        if rule.run is None or rule.code in skip or (
            not warnings and rule.severity is not Severity.ERROR
        ):
            continue
        if name in NEED_NO_ERRORS and has_errors(loaded + found):
            continue
        found.extend(rule.run(cat, day))
    return found
