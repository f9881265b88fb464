"""uncookable-service: a live or pilot service that nobody on the roster is qualified to deliver.

A recipe line needs someone whose level in its skill is at least the line's level. If
nobody on the roster has it, every request for the service will be refused although the
menu offers it: lower the level, train or hire someone, or take the service off the menu
(`status: planned`). The position is the recipe line's skill; the hint says the highest
level anyone holds.

Failing:
```yaml
# services/pmo-setup.yaml (the most anyone has in methods-design is level 4)
recipe:
  - {skill: methods-design, level: 5, hours: 60}
```
Passing:
```yaml
# services/pmo-setup.yaml
recipe:
  - {skill: methods-design, level: 4, hours: 60}
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

CODE = "uncookable-service"
SEVERITY = Severity.WARNING


def run(cat: Catalogue, day: date) -> Iterator[Diagnostic]:
    index = staffing(cat)
    if not index.known:
        return
    skills = cat.named.get("skill", set())
    for sid, service in cat.services.items():
        if service.status not in ON_MENU:
            continue
        for i, line in enumerate(service.recipe):
            # a skill that does not exist is an unknown-reference instead
            if line.skill not in skills or index.chefs(line.skill, line.level).people:
                continue
            best = index.best_level(line.skill)
            hint = (f"the most anyone has is level {best}: lower the line's level, or train "
                    "or hire someone" if best
                    else f"nobody on the roster has {line.skill} at all: train or hire someone, "
                    "or set 'status: planned' until then")
            yield warning(CODE, f"nobody on the roster has {line.skill} at level {line.level} "
                          f"or above, so '{service.name}' cannot be delivered",
                          cat.where("service", sid, "recipe", i, "skill"), hint,
                          (subject("service", sid),))
