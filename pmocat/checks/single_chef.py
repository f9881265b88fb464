"""single-chef: a live or pilot service with a recipe line only one person is qualified for.

When that one person is on leave, busy or gone, the service stops. Train a second
person, or accept the risk knowingly. The position is the recipe line's skill, and the
message names the one person.

Failing:
```yaml
# services/ppm-tool-onboarding.yaml (only priya has ppm-tooling at level 4 or more)
recipe:
  - {skill: ppm-tooling, level: 4, hours: 16}
```
Passing:
```yaml
# services/ppm-tool-onboarding.yaml (priya and lena have ppm-tooling at level 3 or more)
recipe:
  - {skill: ppm-tooling, level: 3, hours: 16}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from pmocat.checks.staffing import staffing
from pmocat.diagnostics import Diagnostic, Severity, subject, warning
from pmocat.models import ON_MENU

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "single-chef"
SEVERITY = Severity.WARNING


def run(cat: Catalogue, day: date) -> Iterator[Diagnostic]:
    index = staffing(cat)
    skills = cat.named.get("skill", set())
    for sid, service in cat.services.items():
        if service.status not in ON_MENU:
            continue
        for i, line in enumerate(service.recipe):
            chefs = index.chefs(line.skill, line.level).people
            if len(chefs) == 1 and line.skill in skills:
                person = cat.people[chefs[0]]
                yield warning(CODE, f"only {person.name} has {line.skill} at level {line.level} "
                              f"or above, so '{service.name}' stops when they are away",
                              cat.where("service", sid, "recipe", i, "skill"),
                              "train a second person, or lower the line's level if the work allows",
                              (subject("service", sid),))  # about the service, not the person
