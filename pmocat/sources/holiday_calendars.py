"""Which countries and regions the `holidays` library has calendars for, read cheaply.

Importing `holidays` and one country costs more than the rest of `pmocat check` together
(docs/performance.md); the names are plain literals in the library's registry and
country modules, so they are read from the source without running it. If the library's
layout ever changes, this falls back to asking the library itself. Even so, parsing
that source is about 20 ms of every command that checks the catalogue (docs/performance.md),
so what it finds is kept in the on-disk cache, keyed by the library's installed files.
"""

from __future__ import annotations

import ast
import importlib.util
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import TypeAdapter


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


def _kept(kind: str, files: tuple[str, ...], shape: TypeAdapter[Any]) -> tuple[str | None, Any]:
    """(the cache key for what is read from the library's `files`, what is kept under it)."""
    from pmocat.sources import cache

    stamp = cache.library_stamp("holidays", *files)
    if stamp is None:
        return None, None
    return stamp, cache.read(kind, stamp, shape)


def _keep(kind: str, key: str | None, value: object) -> None:
    from pmocat.sources import cache

    if key is not None:
        cache.write(kind, key, value)


@cache
def countries() -> dict[str, str]:
    """Country code -> the library's module name for it."""
    from pydantic import TypeAdapter

    key, kept = _kept("holiday-countries", ("registry.py",), TypeAdapter(dict[str, str]))
    if kept is not None:
        return dict(kept)
    found = _countries()
    _keep("holiday-countries", key, found)
    return found


def _countries() -> dict[str, str]:
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
    from pydantic import TypeAdapter

    key, kept = _kept("holiday-subdivisions", ("registry.py", f"countries/{module}.py"),
                      TypeAdapter(tuple[str, ...]))
    if kept is not None:
        return tuple(kept)
    found = _subdivisions(country, module)
    _keep("holiday-subdivisions", key, list(found))
    return found


def _subdivisions(country: str, module: str) -> tuple[str, ...]:
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
