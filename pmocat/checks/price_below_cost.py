"""price-below-cost: a service priced below what it costs to deliver with the cheapest qualified people.

The cost of one unit is, for each recipe line, its hours times the lowest
`cost_per_hour` among the people qualified for it. A price below that loses money on
every unit, whoever does the work. Free services are exempt; a monthly price is compared
with one month's recipe.

Failing:
```yaml
# the cheapest qualified analyst costs 41 an hour: 24 h cost 984
recipe:
  - {skill: assurance, level: 3, hours: 24}
price: {model: fixed, amount: 900}
```
Passing:
```yaml
recipe:
  - {skill: assurance, level: 3, hours: 24}
price: {model: fixed, amount: 4500}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, warning

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "price-below-cost"
SEVERITY = Severity.WARNING


def run(cat: Catalogue) -> Iterator[Diagnostic]:
    day_hours = cat.pmo.day_hours if cat.pmo else 7.5
    currency = cat.pmo.currency if cat.pmo else ""
    for sid, service in cat.services.items():
        if service.price.model == "free" or service.status == "retired":
            continue
        cost = Decimal(0)
        for line in service.recipe:
            chefs = cat.qualified(line.skill, line.level)
            if not chefs:
                break  # uncookable: reported by its own check
            cost += Decimal(str(line.hours)) * min(p.cost_per_hour for p in chefs)
        else:
            price = service.price_of(1, day_hours)
            if price < cost:
                yield warning(CODE, f"'{service.name}' is priced at {price:,.2f} {currency} a unit "
                              f"but costs at least {cost:,.2f} {currency} to deliver",
                              cat.where("service", sid, "price", "amount"),
                              "raise the price, or change the recipe")
