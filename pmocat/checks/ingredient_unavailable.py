"""ingredient-unavailable: a live service needs an ingredient that is retired, not ready, or expires.

An ingredient that is `retired` or `in-progress`, or whose `available_until` falls before
the service's last season ends (or at all, for a service with no seasons), means the
service cannot be delivered as promised: renew the licence, finish the template, or
change the recipe. The position is the ingredient in the service's list.

Failing:
```yaml
# ingredients.yaml
- {id: ppm-tool-licence, name: PPM tool licence, kind: tool, status: ready, available_until: 2027-06-30}
# services/ppm-tool-onboarding.yaml (no seasons: always on the menu)
ingredients: [ppm-tool-licence]
```
Passing:
```yaml
# services/ppm-tool-onboarding.yaml: offered only while the licence lasts
ingredients: [ppm-tool-licence]
available:
  - {from: 2027-01-11, to: 2027-06-30}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, warning

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "ingredient-unavailable"
SEVERITY = Severity.WARNING


def run(cat: Catalogue) -> Iterator[Diagnostic]:
    for sid, service in cat.services.items():
        if service.status != "live":
            continue
        last_season = max((s.to for s in service.available), default=None) if service.available else None
        for i, iid in enumerate(service.ingredients):
            ingredient = cat.ingredients.get(iid)
            if ingredient is None:
                continue
            span = cat.where("service", sid, "ingredients", i)
            if ingredient.status != "ready":
                yield warning(CODE, f"'{service.name}' needs {ingredient.name}, which is "
                              f"{ingredient.status}", span,
                              "make the ingredient ready, or take the service off the menu")
            elif ingredient.available_until is not None and (
                last_season is None or ingredient.available_until < last_season
            ):
                yield warning(CODE, f"{ingredient.name} runs out on {ingredient.available_until}, "
                              f"but '{service.name}' is offered after that", span,
                              "renew it, or end the service's season by then with 'available'")
