"""uncookable-service: a live or pilot service that nobody on the roster is qualified to deliver.

A recipe line needs someone whose level in its skill is at least the line's level. If
nobody has it, every request for the service will be refused: take it off the menu, or
find the skill.

Failing:
```yaml
# services/pmo-setup.yaml, while nobody has methods-design at level 5
recipe:
  - {skill: methods-design, level: 5, hours: 60}
```
Passing:
```yaml
recipe:
  - {skill: methods-design, level: 4, hours: 60}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, warning

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "uncookable-service"
SEVERITY = Severity.WARNING


def run(cat: Catalogue) -> Iterator[Diagnostic]:
    for sid, service in cat.services.items():
        if service.status not in ("live", "pilot"):
            continue
        for i, line in enumerate(service.recipe):
            if line.skill in cat.skills and not cat.qualified(line.skill, line.level):
                best = max((p.skills.get(line.skill, 0) for p in cat.people.values()), default=0)
                hint = (f"the most anyone has is level {best}" if best
                        else f"nobody on the roster has {line.skill} at all")
                yield warning(CODE, f"nobody on the roster can do {line.skill} at level "
                              f"{line.level}, so '{service.name}' cannot be delivered",
                              cat.where("service", sid, "recipe", i, "skill"), hint)
