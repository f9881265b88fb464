"""price-below-cost: a service priced below what it costs to deliver, even with the cheapest qualified people.

The least one unit can cost is, for each recipe line, its hours times the lowest
`cost_per_hour` among the people qualified for it. A price below that loses money on
every unit, whoever does the work. The price of one unit follows the price model: a
fixed amount; an hourly rate times the recipe's hours; a day rate times the recipe's
hours over the PMO's `day_hours`; for `per_month`, one month's price against one month's
recipe. Free services are exempt, and so are retired ones. The position is the price's
amount; the hint gives the break-even amount, worked out exactly from the hours as
written and rounded up to the cent only when it is not a whole number of cents: it is
the least price that passes.

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
from decimal import Decimal, localcontext
from fractions import Fraction
from math import ceil
from typing import TYPE_CHECKING

from pmocat.checks.staffing import staffing
from pmocat.diagnostics import Diagnostic, Severity, subject, warning
from pmocat.words import money

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "price-below-cost"
SEVERITY = Severity.WARNING
_PER = {"per_month": "month", "hourly": "hour", "day_rate": "day"}


def _as_written(number: float | Decimal) -> Decimal:
    """A number exactly as the YAML wrote it: hours are held as floats, whose shortest
    text is what was written (7.5, 0.3333333), never their binary approximation."""
    return Decimal(str(number))


def _cents_up(amount: Fraction) -> Decimal:
    """The amount itself when it is a whole number of cents, else the next cent up."""
    return (Decimal(ceil(amount * 100)) / 100).quantize(Decimal("0.01"))


def run(cat: Catalogue, day: date) -> Iterator[Diagnostic]:
    with localcontext() as exact:
        # sums and products of what the files wrote, at a precision no catalogue reaches:
        # exact, so a break-even price is never a cent out (and far quicker than Fraction)
        exact.prec = 60
        found = list(_below_cost(cat))  # inside: a generator would leak the context
    yield from found


def _below_cost(cat: Catalogue) -> Iterator[Diagnostic]:
    index = staffing(cat)
    day_hours = _as_written(cat.pmo.day_hours) if cat.pmo is not None else Decimal("7.5")
    currency = cat.pmo.currency if cat.pmo is not None else ""
    for sid, service in cat.services.items():
        model, amount = service.price.model, service.price.amount
        if model == "free" or service.status == "retired" or amount is None:
            continue
        cost, hours = Decimal(0), Decimal(0)
        for line in service.recipe:
            cheapest = index.chefs(line.skill, line.level).cheapest
            if cheapest is None:
                break  # nobody can cook it: reported as uncookable-service
            written = _as_written(line.hours)
            cost += written * cheapest
            hours += written
        else:
            # the price's own terms: a unit, a month, an hour (price × hours) or a day of
            # work (price × hours / day_hours), compared with no division
            if model == "hourly":
                enough = amount * hours >= cost
            elif model == "day_rate":
                enough = amount * hours >= cost * day_hours
            else:
                enough = amount >= cost
            if enough:
                continue
            per = {"hourly": Fraction(hours), "day_rate": Fraction(hours) / Fraction(day_hours)
                   }.get(model, Fraction(1))
            even = _cents_up(Fraction(cost) / per)
            unit = _PER.get(model) or service.unit or "unit"
            yield warning(CODE, f"'{service.name}' is priced at {money(amount, currency)} per "
                          f"{unit}, but costs at least {money(even, currency)} per {unit} to "
                          "deliver, even with the cheapest qualified people",
                          cat.where("service", sid, "price", "amount"),
                          f"raise the price to {money(even, currency)} or more, or change the recipe",
                          (subject("service", sid),))
