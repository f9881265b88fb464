"""over-committed: a person whose commitments add up to more than their contracted hours.

Commitments are hours a week already promised outside the book of work. Where
commitments that overlap in time add up to more than `hours_per_week`, the roster is
promising hours the person does not have. The position is the commitment that tips it over.

Failing:
```yaml
hours_per_week: 22.5
commitments:
  - {from: 2027-01-04, to: 2027-06-30, hours_per_week: 15, for: ERP programme}
  - {from: 2027-03-01, to: 2027-03-31, hours_per_week: 10, for: Audit}
```
Passing:
```yaml
hours_per_week: 22.5
commitments:
  - {from: 2027-01-04, to: 2027-06-30, hours_per_week: 15, for: ERP programme}
  - {from: 2027-03-01, to: 2027-03-31, hours_per_week: 5, for: Audit}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, warning

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "over-committed"
SEVERITY = Severity.WARNING


def run(cat: Catalogue) -> Iterator[Diagnostic]:
    for pid, person in cat.people.items():
        # the total only changes where a commitment starts, so those days are enough
        for i, commitment in enumerate(person.commitments):
            day = commitment.from_
            total = sum(c.hours_per_week for c in person.commitments if day in c)
            if total > person.hours_per_week:
                yield warning(CODE, f"{person.name} is committed to {total:g} h a week from {day}, "
                              f"more than their {person.hours_per_week:g} contracted hours",
                              cat.where("person", pid, "commitments", i, "hours_per_week"),
                              "reduce a commitment, or correct hours_per_week")
                break
