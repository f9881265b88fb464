"""Which countries and regions the `holidays` library has calendars for, read cheaply.

Importing `holidays` and one country costs more than the rest of `pmocat check` together
(docs/performance.md); the names are plain literals in the library's registry and
country modules, so they are read from the source without running it. If the library's
layout ever changes, this falls back to asking the library itself.
"""

from __future__ import annotations

import ast
import importlib.util
from functools import cache
from pathlib import Path


def _package_dir() -> Path | None:
    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _literal(path: Path, name: str) -> object:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets) and node.value:
                return ast.literal_eval(node.value)
    raise LookupError(name)


@cache
def countries() -> dict[str, str]:
    """Country code -> the library's module name for it."""
    try:
        folder = _package_dir()
        if folder is None:
            raise LookupError("holidays")
        found = _literal(folder / "registry.py", "COUNTRIES")
        assert isinstance(found, dict)
        registry: dict[str, tuple[str, ...]] = found
    except Exception:
        from holidays.registry import COUNTRIES as registry
    return {code: module for module, entry in registry.items() for code in entry[1:]
            if isinstance(code, str) and len(code) in (2, 3) and code.isupper()}


@cache
def subdivisions(country: str) -> tuple[str, ...]:
    """The region codes a country's calendar knows (empty for an unknown country)."""
    module = countries().get(country)
    if module is None:
        return ()
    try:
        folder = _package_dir()
        if folder is None:
            raise LookupError("holidays")
        found = _literal(folder / "countries" / f"{module}.py", "subdivisions")
        assert isinstance(found, tuple)
        return tuple(str(s) for s in found)
    except Exception:
        from holidays import country_holidays

        return tuple(country_holidays(country).subdivisions)
