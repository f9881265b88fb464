"""duplicate-id: two items share an id.

Ids are how everything refers to everything else, so each must be unique within its
kind: two people, two skills or two ingredients with the same `id`, or two service (or
request) files that give the same `id`. Every definition is reported, each naming the
others as file:line, so a pull request that adds a copy is marked on its own line as well
as on the one it collides with. Until it is fixed, pmocat reads the first one it meets.

Failing:
```yaml
# roster.yaml
people:
  - {id: asha, name: Asha Patel, skills: {assurance: 4}, hours_per_week: 37.5}
  - {id: asha, name: Asha Khan, skills: {reporting: 3}, hours_per_week: 37.5}
```
Passing:
```yaml
# roster.yaml
people:
  - {id: asha, name: Asha Patel, skills: {assurance: 4}, hours_per_week: 37.5}
  - {id: asha-k, name: Asha Khan, skills: {reporting: 3}, hours_per_week: 37.5}
```
"""

from __future__ import annotations

from pmocat.diagnostics import Severity

CODE = "duplicate-id"
SEVERITY = Severity.ERROR
#: reported by pmocat.sources while reading the files
run = None
