"""The catalogue's checks: one module per check, each documented by its docstring.

A check module has `CODE`, `SEVERITY` and `run(cat) -> Iterable[Diagnostic]`; its
docstring is its documentation, with a failing and a passing example. Problems found
while reading the files (syntax, types, unknown keys) are documented in `loading.py`.
Adding a check is one new module and one line in MODULES.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

#: the checks over a loaded catalogue, in the order they run and are documented
MODULES = [
    "unknown_reference",
    "missing_due",
    "unknown_level",
    "unknown_country",
    "uncookable_service",
    "single_chef",
    "ingredient_unavailable",
    "price_below_cost",
    "over_committed",
    "book_fits",
]

_today: list[date] = []


def today() -> date:
    """The date the checks judge by (expiring licences, coming closures)."""
    return _today[-1] if _today else date.today()


def set_today(day: date | None) -> None:
    _today.clear()
    if day is not None:
        _today.append(day)


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    doc: str
    run: Callable[[Catalogue], Iterable[Diagnostic]] | None


def rules() -> list[Rule]:
    """Every code pmocat can report: the loader's first, then each check's."""
    from pmocat.checks.loading import LOADER_RULES

    found = list(LOADER_RULES)
    for name in MODULES:
        module = importlib.import_module(f"pmocat.checks.{name}")
        found.append(Rule(module.CODE, module.SEVERITY, module.__doc__ or "", module.run))
    return found


def run_checks(cat: Catalogue, loaded: list[Diagnostic]) -> list[Diagnostic]:
    """Every check over a loaded catalogue (`loaded`: what reading the files found)."""
    found: list[Diagnostic] = []
    for name in MODULES:
        module = importlib.import_module(f"pmocat.checks.{name}")
        found.extend(module.run(cat))
    return found
