"""price-below-cost: a service priced below what it costs to deliver, even with the cheapest qualified people.

The least one unit can cost is, for each recipe line, its hours times the lowest
`cost_per_hour` among the people qualified for it. A price below that loses money on
every unit, whoever does the work. The price of one unit follows the price model: a
fixed amount; an hourly rate times the recipe's hours; a day rate times the recipe's
hours over the PMO's `day_hours`; for `per_month`, one month's price against one month's
recipe. Free services are exempt, and so are retired ones. The position is the price's
amount; the hint gives the break-even amount.

Failing:
```yaml
# services/project-health-check.yaml (24 h of assurance at 41 an hour, 8 h of
# stakeholder engagement at 41 an hour: at least 1,312 a review)
price: {model: fixed, amount: 1200}
```
Passing:
```yaml
# services/project-health-check.yaml
price: {model: fixed, amount: 4500}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING

from pmocat.checks.staffing import staffing
from pmocat.diagnostics import Diagnostic, Severity, warning
from pmocat.words import money

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "price-below-cost"
SEVERITY = Severity.WARNING
_CENT = Decimal("0.01")
_PER = {"per_month": "month", "hourly": "hour", "day_rate": "day"}


def run(cat: Catalogue, day: date) -> Iterator[Diagnostic]:
    index = staffing(cat)
    day_hours = Decimal(str(cat.pmo.day_hours)) if cat.pmo is not None else Decimal("7.5")
    currency = cat.pmo.currency if cat.pmo is not None else ""
    for sid, service in cat.services.items():
        model, amount = service.price.model, service.price.amount
        if model == "free" or service.status == "retired" or amount is None:
            continue
        cost = Decimal(0)
        for line in service.recipe:
            cheapest = index.chefs(line.skill, line.level).cheapest
            if cheapest is None:
                break  # nobody can cook it: reported as uncookable-service
            cost += Decimal(str(line.hours)) * cheapest
        else:
            if service.price_of(1, float(day_hours)) >= cost.quantize(_CENT):
                continue
            # the cost in the price's own terms: a unit, a month, an hour or a day of work
            hours = Decimal(str(round(service.hours_per_unit, 6)))
            per = {"hourly": hours, "day_rate": hours / day_hours}.get(model, Decimal(1))
            even = (cost / per).quantize(_CENT, rounding=ROUND_CEILING)
            unit = _PER.get(model) or service.unit or "unit"
            yield warning(CODE, f"'{service.name}' is priced at {money(amount, currency)} per "
                          f"{unit}, but costs at least {money(even, currency)} per {unit} to "
                          "deliver, even with the cheapest qualified people",
                          cat.where("service", sid, "price", "amount"),
                          f"raise the price to {money(even, currency)} or more, or change the recipe")
