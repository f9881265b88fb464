"""single-chef: a live or pilot service with a recipe line only one person is qualified for.

When that one person is away or busy, the service stops. Train a second person, or
accept the risk knowingly.

Failing:
```yaml
# only priya has ppm-tooling at level 4 or more
recipe:
  - {skill: ppm-tooling, level: 4, hours: 16}
```
Passing:
```yaml
# priya and lena both have ppm-tooling at level 3 or more
recipe:
  - {skill: ppm-tooling, level: 3, hours: 16}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, warning

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "single-chef"
SEVERITY = Severity.WARNING


def run(cat: Catalogue) -> Iterator[Diagnostic]:
    for sid, service in cat.services.items():
        if service.status not in ("live", "pilot"):
            continue
        for i, line in enumerate(service.recipe):
            chefs = cat.qualified(line.skill, line.level)
            if len(chefs) == 1:
                yield warning(CODE, f"only {chefs[0].name} can do {line.skill} at level "
                              f"{line.level} for '{service.name}'",
                              cat.where("service", sid, "recipe", i, "skill"),
                              "train or hire a second person, so the service survives an absence")
