"""ingredient-not-ready: a live or pilot service needs an ingredient that is not ready yet.

An ingredient with `status: in-progress`, or one whose `available_from` is still to come
while the service is already on offer, means the service is on the menu before it can
be cooked. Finish the ingredient (and set `status: ready`), start the service's season
later with `available`, or keep the service `planned` until then. Only services still
on offer count (live or pilot, with a season that has not ended). The position is the
ingredient in the service's `ingredients` list.

Failing:
```yaml
# ingredients.yaml
ingredients:
  - {id: maturity-model, name: P3M3 maturity questionnaire, kind: template, status: in-progress}
# services/maturity-assessment.yaml
status: live
ingredients: [maturity-model]
```
Passing:
```yaml
# ingredients.yaml
ingredients:
  - {id: maturity-model, name: P3M3 maturity questionnaire, kind: template, status: in-progress}
# services/maturity-assessment.yaml
status: planned
ingredients: [maturity-model]
```
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pmocat.checks.offering import needed_ingredients, on_offer_between
from pmocat.diagnostics import Diagnostic, Severity, subject, warning

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "ingredient-not-ready"
SEVERITY = Severity.WARNING


def about(service: str, ingredient: str) -> tuple[str, ...]:
    return (subject("service", service), subject("ingredient", ingredient))


def run(cat: Catalogue, day: date) -> Iterator[Diagnostic]:
    for service, ingredient, where in needed_ingredients(cat, day):
        if ingredient.status == "in-progress":
            yield warning(CODE, f"'{service.name}' is on offer, but it needs "
                          f"{ingredient.name}, which is still in progress", where(),
                          "finish it and set 'status: ready', or set the service's status "
                          "to planned until then", about(service.id, ingredient.id))
        elif (ingredient.status == "ready" and ingredient.available_from is not None
              and ingredient.available_from > day
              and on_offer_between(service, day, ingredient.available_from - timedelta(days=1))):
            yield warning(CODE, f"'{service.name}' is on offer before "
                          f"{ingredient.available_from}, when {ingredient.name} becomes "
                          "available", where(),
                          f"start the service's season on {ingredient.available_from} "
                          "with 'available'", about(service.id, ingredient.id))
