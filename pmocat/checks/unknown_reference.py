"""unknown-reference: an id that names nothing in the catalogue.

A recipe's skill, a service's ingredients and owner, an ingredient's owner and a
request's service must each name something that exists; otherwise nobody can tell who
cooks the dish or with what. The hint suggests the nearest existing id.

Failing:
```yaml
# services/project-health-check.yaml
owner: ash
recipe:
  - {skill: asurance, level: 3, hours: 24}
```
Passing:
```yaml
owner: asha
recipe:
  - {skill: assurance, level: 3, hours: 24}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, Span, error
from pmocat.sources.validation import did_you_mean

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "unknown-reference"
SEVERITY = Severity.ERROR
_WHAT = {"skill": "skill", "ingredient": "ingredient", "person": "person on the roster",
         "service": "service"}
_FILE = {"skill": "skills.yaml", "ingredient": "ingredients.yaml", "person": "roster.yaml",
         "service": "services/"}


def _dangling(cat: Catalogue, kind: str, ident: str, span: Span) -> Diagnostic | None:
    if ident in cat.named.get(kind, ()):
        return None
    hint = did_you_mean(ident, sorted(cat.named.get(kind, ())))
    return error(CODE, f"there is no {_WHAT[kind]} '{ident}'", span,
                 hint or f"add it to {_FILE[kind]}, or correct the id")


def run(cat: Catalogue) -> Iterator[Diagnostic]:
    found: list[Diagnostic | None] = []
    for sid, service in cat.services.items():
        found.append(_dangling(cat, "person", service.owner, cat.where("service", sid, "owner")))
        for i, name in enumerate(service.ingredients):
            found.append(_dangling(cat, "ingredient", name, cat.where("service", sid, "ingredients", i)))
        for i, line in enumerate(service.recipe):
            found.append(_dangling(cat, "skill", line.skill, cat.where("service", sid, "recipe", i, "skill")))
    for iid, ingredient in cat.ingredients.items():
        if ingredient.owner is not None:
            found.append(_dangling(cat, "person", ingredient.owner, cat.where("ingredient", iid, "owner")))
    for pid, person in cat.people.items():
        for skill in person.skills:
            found.append(_dangling(cat, "skill", skill, cat.where("person", pid, "skills", skill, key=True)))
    for rid, request in cat.requests.items():
        found.append(_dangling(cat, "service", request.service, cat.where("request", rid, "service")))
    yield from (d for d in found if d is not None)
