"""unknown-level: a skill level that skills.yaml does not name.

`skills.yaml` may name fewer levels than the five pmocat allows, say
`{1: Aware, 2: Practitioner, 3: Expert}`. A recipe line or a person using a level it does
not name is then a mistake: nobody can say what "level 4" means in this PMO. The
position is the level.

Failing:
```yaml
# skills.yaml
levels: {1: Aware, 2: Practitioner, 3: Expert}
# services/project-health-check.yaml
recipe:
  - {skill: assurance, level: 4, hours: 24}
```
Passing:
```yaml
# skills.yaml
levels: {1: Aware, 2: Practitioner, 3: Experienced, 4: Expert, 5: Authority}
# services/project-health-check.yaml
recipe:
  - {skill: assurance, level: 4, hours: 24}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, error

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "unknown-level"
SEVERITY = Severity.ERROR


def run(cat: Catalogue, day: date) -> Iterator[Diagnostic]:
    levels = cat.levels
    if all(level in levels for level in range(1, 6)):
        return
    hint = "skills.yaml names " + ", ".join(f"{n} ({name})" for n, name in sorted(levels.items()))
    for sid, service in cat.services.items():
        for i, line in enumerate(service.recipe):
            if line.level not in levels:
                yield error(CODE, f"level {line.level} is not one of the levels in skills.yaml",
                            cat.where("service", sid, "recipe", i, "level"), hint)
    for pid, person in cat.people.items():
        for skill, level in person.skills.items():
            if level not in levels:
                yield error(CODE, f"level {level} is not one of the levels in skills.yaml",
                            cat.where("person", pid, "skills", skill), hint)
