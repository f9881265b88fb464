"""ingredient-expiring: a live or pilot service needs an ingredient that runs out.

An ingredient's `available_until` is typically a licence or contract end. It is flagged,
for each service still on offer (live or pilot, with a season that has not ended) that
needs it, when that date

- has passed already: the service is on the menu but cannot be cooked;
- falls within the next 12 months (365 days from the day the check runs, or `--today`):
  time to renew it, or to plan the service's end; or
- falls before the end of a season the service is offered in: the catalogue promises
  the service on days it cannot be cooked.

Renew the licence and move `available_until` on, or end the service's season by that
date. The position is the ingredient in the service's `ingredients` list. Retired and
not-ready ingredients are reported by their own checks instead.

Failing:
```yaml
# ingredients.yaml (the check runs on 2026-12-01)
ingredients:
  - {id: ppm-tool-licence, name: PPM tool licence, kind: tool, status: ready, available_until: 2027-06-30}
# services/ppm-tool-onboarding.yaml
ingredients: [ppm-tool-licence]
```
Passing:
```yaml
# ingredients.yaml (renewed for three more years)
ingredients:
  - {id: ppm-tool-licence, name: PPM tool licence, kind: tool, status: ready, available_until: 2030-06-30}
# services/ppm-tool-onboarding.yaml (offered only while the licence lasts)
ingredients: [ppm-tool-licence]
available:
  - {from: 2027-01-11, to: 2030-06-30}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pmocat.checks.offering import needed_ingredients, on_offer_between
from pmocat.diagnostics import Diagnostic, Severity, subject, warning
from pmocat.words import plural

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "ingredient-expiring"
SEVERITY = Severity.WARNING
#: how far ahead a licence end is worth a reminder
NOTICE = timedelta(days=365)


def run(cat: Catalogue, day: date) -> Iterator[Diagnostic]:
    for service, ingredient, where in needed_ingredients(cat, day):
        if ingredient.status != "ready" or ingredient.available_until is None:
            continue
        until = ingredient.available_until
        seasons_past_it = service.available is not None and on_offer_between(
            service, until + timedelta(days=1), None)
        if until < day:
            message = (f"{ingredient.name} ran out on {until}, but '{service.name}' "
                       "is still on offer")
            hint = "renew it and move 'available_until' on, or take the service off the menu"
        elif seasons_past_it:
            message = (f"{ingredient.name} runs out on {until}, but '{service.name}' "
                       "has a season after that")
            hint = f"renew it, or end the service's season on {until}"
        elif until < day + NOTICE:
            left = (until - day).days
            when = "today" if left == 0 else f"in {plural(left, 'day')}"
            message = f"{ingredient.name} runs out on {until}, {when}; '{service.name}' needs it"
            hint = "renew it in time, or plan the service's end"
        else:
            continue
        yield warning(CODE, message, where(), hint,
                      (subject("service", service.id), subject("ingredient", ingredient.id)))
