"""The catalogue's checks: one module per code, each documented by its docstring.

A check module has `CODE`, `SEVERITY` and `run(cat) -> Iterable[Diagnostic]`; its
docstring is its documentation, with a failing and a passing example. The codes that
`pmocat.sources` reports while reading the files have a module too, with `run = None`.
Adding a check is one new module and one line in MODULES.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection, Iterable
from contextvars import ContextVar
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
    "price_below_cost",
    "over_committed",
    # owned by planning: an accepted book of work that does not fit the roster; keep it last,
    # it is the slowest
    "book_fits",
]

#: checks that plan on the catalogue, which only makes sense once it has no errors
NEED_NO_ERRORS = {"book_fits"}

_today: ContextVar[date | None] = ContextVar("pmocat_checks_today", default=None)


def today() -> date:
    """The date the checks judge by (expiring licences): `--today`, or the real date."""
    return _today.get() or date.today()


def set_today(day: date | None) -> None:
    """Judge as if today were `day` (None: the real date again)."""
    _today.set(day)


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    doc: str
    run: Callable[[Catalogue], Iterable[Diagnostic]] | None

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


def run_checks(cat: Catalogue, loaded: list[Diagnostic], *, day: date | None = None,
               warnings: bool = True, skip: Collection[str] = ()) -> list[Diagnostic]:
    """Every check over a loaded catalogue (`loaded`: what reading the files found).

    `day` judges as if today were that date (default: `today()`); `warnings=False` runs
    only the checks that can find errors, for a command that needs only to know whether
    the catalogue can be trusted. Checks whose code is in `skip` are not run at all (the
    capacity check is worth skipping when its answer is not wanted).
    """
    token = _today.set(day) if day is not None else None
    try:
        found: list[Diagnostic] = []
        for name in MODULES:
            rule = _rule(name)
            if rule.run is None or rule.code in skip or (
                not warnings and rule.severity is not Severity.ERROR
            ):
                continue
            if name in NEED_NO_ERRORS and has_errors(loaded + found):
                continue
            found.extend(rule.run(cat))
        return found
    finally:
        if token is not None:
            _today.reset(token)
