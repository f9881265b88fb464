"""What changed between two loaded catalogues, by entity and field: models in, data out.

Entities are matched by kind and id, never by file or line, so key order, formatting,
comments and moving an entity to another file are not changes (a move is listed apart).
Each entity is compared in a canonical form: money as two-decimal strings, dates as ISO
text, lists that are sets (a service's ingredients, tags, a person's working days,
absences) sorted, and a recipe keyed by skill so that it compares line by line.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

    from pmocat.sources.catalogue import Catalogue

#: the kinds, in the order they are reported (spec §8)
KINDS = ("pmo", "skill", "ingredient", "service", "person", "request")
#: where each kind is held in a Catalogue
_HELD = {"skill": "skills", "ingredient": "ingredients", "service": "services",
         "person": "people", "request": "requests"}
#: fields whose order means nothing, by kind
SET_FIELDS = {
    "pmo": {"closures"},
    "service": {"ingredients", "tags", "customers", "available"},
    "person": {"working_days", "absences", "commitments"},
}
#: set-like fields inside a nested mapping (dotted)
_NESTED_SETS = {"pmo": {"holidays.extra"}}
#: the id under which the skill levels' names are reported
LEVELS_ID = "levels"


@dataclass(frozen=True)
class Change:
    """One entity added or removed, or one of its fields changed."""

    kind: str
    id: str
    #: where it is written, relative to the catalogue (HEAD's, or BASE's when removed)
    file: str
    change: str  # added | removed | changed
    field: str | None = None
    before: Any = None
    after: Any = None
    #: the entity's name, for people to read
    name: str | None = None
    #: HEAD's line for this change (1 when not known), for annotations
    line: int = 1


@dataclass(frozen=True)
class Move:
    """An entity whose file changed name or place, and nothing else about it."""

    kind: str
    id: str
    before: str
    after: str


def canonical(kind: str, model: BaseModel) -> dict[str, Any]:
    """The entity as plain JSON-ready data in which equal means the same to a PMO."""
    data: dict[str, Any] = _plain(model.model_dump(by_alias=True))
    for name in SET_FIELDS.get(kind, ()):
        if isinstance(data.get(name), list):
            data[name] = _sorted(data[name])
    for dotted in _NESTED_SETS.get(kind, ()):
        outer, inner = dotted.split(".")
        if isinstance(data.get(outer), dict) and isinstance(data[outer].get(inner), list):
            data[outer][inner] = _sorted(data[outer][inner])
    if kind == "pmo" and isinstance(data.get("opening_hours"), dict):
        data["opening_hours"] = {day: sorted(ranges) for day, ranges in data["opening_hours"].items()}
    if kind == "service":
        data["recipe"] = recipe_by_skill(data["recipe"])
    return data


def recipe_by_skill(lines: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A recipe keyed by skill (`skill#2` for a skill's second line), each line without it."""
    keyed: dict[str, dict[str, Any]] = {}
    for line in lines:
        rest = {k: v for k, v in line.items() if k != "skill"}
        key, n = line["skill"], 1
        while key in keyed:
            n += 1
            key = f"{line['skill']}#{n}"
        keyed[key] = rest
    return keyed


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _sorted(items: list[Any]) -> list[Any]:
    return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested mappings as dotted field names; lists and plain values are leaves."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))  # an empty mapping: no fields
        else:
            flat[name] = value
    return flat


def entities(cat: Catalogue, kind: str) -> dict[str, BaseModel]:
    if kind == "pmo":
        return {"pmo": cat.pmo} if cat.pmo is not None else {}
    found: dict[str, BaseModel] = dict(getattr(cat, _HELD[kind]))
    return found


def file_of(cat: Catalogue, kind: str, ident: str) -> str:
    """Where an entity is written, relative to the catalogue's folder."""
    origin = cat.origins.get((kind, ident))
    if origin is None:
        return {"pmo": "pmo.yaml", "skill": "skills.yaml"}.get(kind, "")
    return os.path.relpath(origin.doc.path, str(cat.root)).replace(os.sep, "/")


def _line(cat: Catalogue, kind: str, ident: str, field: str | None, model: BaseModel) -> int:
    origin = cat.origins.get((kind, ident))
    if origin is None:
        return 1
    loc: list[str | int] = []
    if field is not None:
        parts = field.split(".")
        if kind == "service" and parts[0] == "recipe" and len(parts) > 1:
            keys = list(recipe_by_skill([line.model_dump() for line in model.recipe]))  # type: ignore[attr-defined]
            loc = ["recipe", keys.index(parts[1])] if parts[1] in keys else ["recipe"]
            loc += parts[2:3]
        else:
            loc = list(parts)
    return origin.span(*loc, key=True).line


def _name(model: BaseModel | None) -> str | None:
    name = getattr(model, "name", None)
    return name if isinstance(name, str) else None


def compare(base: Catalogue, head: Catalogue) -> tuple[list[Change], list[Move]]:
    """Every change from `base` to `head`, by kind then id then field, and every move."""
    changes: list[Change] = []
    moves: list[Move] = []
    for kind in KINDS:
        before, after = entities(base, kind), entities(head, kind)
        for ident in sorted(before.keys() | after.keys()):
            old, new = before.get(ident), after.get(ident)
            if new is None:
                assert old is not None
                if ident in head.named.get(kind, ()):
                    continue  # written, but not readable: the errors say why
                changes.append(Change(kind, ident, file_of(base, kind, ident), "removed",
                                      name=_name(old)))
                continue
            where = file_of(head, kind, ident)
            if old is None:
                if ident in base.named.get(kind, ()):
                    continue
                changes.append(Change(kind, ident, where, "added", name=_name(new),
                                      line=_line(head, kind, ident, None, new)))
                continue
            was = file_of(base, kind, ident)
            if was != where and not (head.root / was).exists():  # else a copy: duplicate-id says so
                moves.append(Move(kind, ident, was, where))
            if old == new:
                continue  # the same models: nothing to compare field by field
            a, b = flatten(canonical(kind, old)), flatten(canonical(kind, new))
            for name in sorted(a.keys() | b.keys()):
                if a.get(name) != b.get(name):
                    changes.append(Change(kind, ident, where, "changed", name, a.get(name),
                                          b.get(name), _name(new), _line(head, kind, ident, name, new)))
    if base.levels != head.levels:
        for level in sorted(base.levels.keys() | head.levels.keys()):
            if base.levels.get(level) != head.levels.get(level):
                changes.append(Change("skill", LEVELS_ID, "skills.yaml", "changed", f"levels.{level}",
                                      base.levels.get(level), head.levels.get(level)))
    return changes, moves
