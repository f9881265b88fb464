"""ingredient-retired: a live or pilot service needs an ingredient that is retired.

A retired tool, template or process is no longer there to cook with, so the service
cannot be delivered as its recipe says: replace the ingredient, or retire the service
too. Only services still on offer count (live or pilot, with a season that has not
ended). The position is the ingredient in the service's `ingredients` list.

Failing:
```yaml
# ingredients.yaml
ingredients:
  - {id: business-case-template, name: Business case template, kind: template, status: retired}
# services/business-case-review.yaml
status: live
ingredients: [business-case-template]
```
Passing:
```yaml
# ingredients.yaml
ingredients:
  - {id: business-case-template, name: Business case template, kind: template, status: retired}
  - {id: business-case-template-v2, name: Business case template (2027), kind: template, status: ready}
# services/business-case-review.yaml
status: live
ingredients: [business-case-template-v2]
```
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from pmocat.checks.offering import needed_ingredients
from pmocat.diagnostics import Diagnostic, Severity, subject, warning

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "ingredient-retired"
SEVERITY = Severity.WARNING


def about(service: str, ingredient: str) -> tuple[str, ...]:
    return (subject("service", service), subject("ingredient", ingredient))


def run(cat: Catalogue, day: date) -> Iterator[Diagnostic]:
    for service, ingredient, where in needed_ingredients(cat, day):
        if ingredient.status == "retired":
            yield warning(CODE, f"'{service.name}' needs {ingredient.name}, which is retired", where(),
                          "replace it in the service's ingredients, or retire the service too",
                          about(service.id, ingredient.id))
