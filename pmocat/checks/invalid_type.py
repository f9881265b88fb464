"""invalid-type: a value of the wrong kind, such as text where a number belongs.

Hours, levels and amounts are numbers, lists are lists, and mappings are mappings:
`hours_per_week: full time`, `skills: [assurance]` (a list where a mapping of skill to
level belongs) or a whole file that is a list instead of `key: value` lines. Text is
never turned into a number behind your back: `"37.5"` in quotes is text. The position
is the value.

Failing:
```yaml
# roster.yaml
people:
  - {id: asha, name: Asha Patel, skills: {assurance: 4}, hours_per_week: full time}
```
Passing:
```yaml
# roster.yaml
people:
  - {id: asha, name: Asha Patel, skills: {assurance: 4}, hours_per_week: 37.5}
```
"""

from __future__ import annotations

from pmocat.diagnostics import Severity

CODE = "invalid-type"
SEVERITY = Severity.ERROR
#: reported by pmocat.sources while reading the files
run = None
