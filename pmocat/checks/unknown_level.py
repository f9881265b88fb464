"""unknown-level: a skill level above the highest level named in skills.yaml.

When `skills.yaml` names fewer than five levels, a recipe or a person cannot use a
level beyond the last one named.

Failing:
```yaml
# skills.yaml has levels {1: Aware, 2: Practitioner, 3: Expert}
recipe:
  - {skill: assurance, level: 4, hours: 24}
```
Passing:
```yaml
recipe:
  - {skill: assurance, level: 3, hours: 24}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, error

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "unknown-level"
SEVERITY = Severity.ERROR


def run(cat: Catalogue) -> Iterator[Diagnostic]:
    top = max(cat.levels, default=5)
    hint = f"skills.yaml names levels up to {top} ({cat.levels.get(top, top)})"
    for sid, service in cat.services.items():
        for i, line in enumerate(service.recipe):
            if line.level > top:
                yield error(CODE, f"level {line.level} is not a level in skills.yaml",
                            cat.where("service", sid, "recipe", i, "level"), hint)
    for pid, person in cat.people.items():
        for skill, level in person.skills.items():
            if level > top:
                yield error(CODE, f"level {level} is not a level in skills.yaml",
                            cat.where("person", pid, "skills", skill), hint)
