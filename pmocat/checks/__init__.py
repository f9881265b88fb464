"""The catalogue's checks: one module per check, each documented by its docstring.

A check is a module with `CODE`, `SEVERITY` and `run(cat) -> Iterable[Diagnostic]`. Codes
reported while loading (syntax, types, unknown keys) have a module too, for their
documentation, with `run = None`. Adding a check is one new module and one line below.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType

from pmocat.diagnostics import Diagnostic, Severity

#: every check module, in the order its code is documented
MODULES = [
    # reported while loading
    "yaml_syntax",
    "yaml_limits",
    "duplicate_key",
    "empty_file",
    "missing_file",
    "unknown_key",
    "missing_key",
    "invalid_type",
    "invalid_value",
    "duplicate_id",
    "filename_mismatch",
    # checks over the loaded catalogue
]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    doc: str
    run: Callable[..., Iterable[Diagnostic]] | None


def _rule(module: ModuleType) -> Rule:
    return Rule(module.CODE, module.SEVERITY, module.__doc__ or "", getattr(module, "run", None))


def rules() -> list[Rule]:
    return [_rule(importlib.import_module(f"pmocat.checks.{name}")) for name in MODULES]


def run_checks(cat: object, loaded: list[Diagnostic]) -> list[Diagnostic]:
    """Every check over a loaded catalogue (the loader's own diagnostics are `loaded`)."""
    found: list[Diagnostic] = []
    for rule in rules():
        if rule.run is not None:
            found.extend(rule.run(cat))
    return found
