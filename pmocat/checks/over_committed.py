"""over-committed: a person whose commitments add up to more than their contracted hours.

`commitments` are hours a week already promised outside the book of work. Where
commitments that overlap in time add up to more than the person's `hours_per_week`, the
roster promises hours the person does not have, and every capacity answer that counts
on them is too hopeful. The position is the commitment that tips the total over, and
the message gives the date it starts; each person is reported once.

Failing:
```yaml
# roster.yaml
people:
  - id: owen
    name: Owen Price
    skills: {raid-management: 3, change-control: 3}
    hours_per_week: 22.5
    commitments:
      - {from: 2027-01-04, to: 2027-06-30, hours_per_week: 15, for: ERP programme}
      - {from: 2027-03-01, to: 2027-03-31, hours_per_week: 10, for: Year-end audit}
```
Passing:
```yaml
# roster.yaml
people:
  - id: owen
    name: Owen Price
    skills: {raid-management: 3, change-control: 3}
    hours_per_week: 22.5
    commitments:
      - {from: 2027-01-04, to: 2027-06-30, hours_per_week: 15, for: ERP programme}
      - {from: 2027-03-01, to: 2027-03-31, hours_per_week: 7.5, for: Year-end audit}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, subject, warning
from pmocat.words import hours

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "over-committed"
SEVERITY = Severity.WARNING


def run(cat: Catalogue, day: date) -> Iterator[Diagnostic]:
    for pid, person in cat.people.items():
        commitments = person.commitments
        if not commitments:
            continue
        # the total only rises on the day a commitment starts, so those days are enough
        for i in sorted(range(len(commitments)), key=lambda i: commitments[i].from_):
            day = commitments[i].from_
            total = sum(c.hours_per_week for c in commitments if day in c)
            if total > person.hours_per_week:
                yield warning(CODE, f"{person.name} is committed to {hours(total)} hours a week from "
                              f"{day}, more than the {hours(person.hours_per_week)} they are "
                              "contracted for", cat.where("person", pid, "commitments", i,
                                                          "hours_per_week"),
                              "reduce or end a commitment, or correct 'hours_per_week'",
                              (subject("person", pid),))
                break
