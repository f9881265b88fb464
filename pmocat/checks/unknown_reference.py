"""unknown-reference: an id that names nothing in the catalogue.

A service's `owner`, its `ingredients` and each recipe line's `skill`, an ingredient's
`owner`, the skills in a person's `skills`, and a request's `service` must each name
something that exists; otherwise nobody can tell who cooks the dish, with what, or for
which service a request is. The position is the id itself, and the hint suggests the
nearest existing id.

An id written in an item that is itself broken (say, a person with a typo in
`hours_per_week`) still counts as existing, so one mistake is not reported twice. When a
whole file cannot be read (a syntax error in `roster.yaml`), references into it are not
checked until it can.

Failing:
```yaml
# services/project-health-check.yaml
owner: ash
recipe:
  - {skill: asurance, level: 3, hours: 24}
```
Passing:
```yaml
# services/project-health-check.yaml
owner: asha
recipe:
  - {skill: assurance, level: 3, hours: 24}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, error
from pmocat.words import did_you_mean

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "unknown-reference"
SEVERITY = Severity.ERROR

_WHAT = {"skill": "skill", "ingredient": "ingredient", "person": "person on the roster",
         "service": "service"}
_HOME = {"skill": "skills.yaml", "ingredient": "ingredients.yaml", "person": "roster.yaml",
         "service": "services/"}
_LIST = {"skill": "skills", "ingredient": "ingredients", "person": "people"}


def _listed(cat: Catalogue, kind: str) -> bool:
    """Whether the file that lists this kind was read (so "none of them" is the truth)."""
    if kind == "person":  # the roster may live anywhere (--roster)
        return any(isinstance(doc.data, dict) and isinstance(doc.data.get("people"), list)
                   for doc in cat.documents.values())
    for path, doc in cat.documents.items():
        if Path(path) == cat.root / _HOME[kind]:
            return isinstance(doc.data, dict) and isinstance(doc.data.get(_LIST[kind]), list)
    return kind == "ingredient"  # ingredients.yaml is optional: no file, no ingredients


def _known(cat: Catalogue) -> dict[str, set[str] | None]:
    """The ids each kind of reference may use; None: its file could not be read, so the
    references are not checked (the file's own problem is reported instead)."""
    known: dict[str, set[str] | None] = {}
    for kind in _WHAT:
        named = set(cat.named.get(kind, ()))
        if kind == "service":
            # a service file that cannot be read still tells its id by its name
            named |= {Path(path).stem for path, doc in cat.documents.items()
                      if doc.data is None and Path(path).parent == cat.root / "services"}
        elif not named and not _listed(cat, kind):
            known[kind] = None
            continue
        known[kind] = named
    return known


def run(cat: Catalogue, day: date) -> Iterator[Diagnostic]:
    known = _known(cat)

    def check(kind: str, ident: str, where: tuple[str, str], *loc: str | int,
              key: bool = False) -> Iterator[Diagnostic]:
        ids = known[kind]
        if ids is None or ident in ids:
            return
        hint = did_you_mean(ident, sorted(ids))
        yield error(CODE, f"there is no {_WHAT[kind]} '{ident}'", cat.where(*where, *loc, key=key),
                    hint or f"add it to {_HOME[kind]}, or correct the id")

    for sid, service in cat.services.items():
        yield from check("person", service.owner, ("service", sid), "owner")
        for i, name in enumerate(service.ingredients):
            yield from check("ingredient", name, ("service", sid), "ingredients", i)
        for i, line in enumerate(service.recipe):
            yield from check("skill", line.skill, ("service", sid), "recipe", i, "skill")
    for iid, ingredient in cat.ingredients.items():
        if ingredient.owner is not None:
            yield from check("person", ingredient.owner, ("ingredient", iid), "owner")
    for pid, person in cat.people.items():
        for skill in person.skills:
            yield from check("skill", skill, ("person", pid), "skills", skill, key=True)
    for rid, request in cat.requests.items():
        yield from check("service", request.service, ("request", rid), "service")
