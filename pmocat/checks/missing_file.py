"""missing-file: a file every catalogue needs is missing.

A catalogue needs `pmo.yaml` (the PMO's opening hours), `skills.yaml` (the skills
recipes use) and a roster (`roster.yaml`, or the file given with `--roster`).
`ingredients.yaml`, `services/` and `requests/` may be left out. References into a
missing file are not reported one by one. The position is the missing file's path.

Failing:
```yaml
# a catalogue folder with pmo.yaml, skills.yaml and services/, but no roster.yaml
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

CODE = "missing-file"
SEVERITY = Severity.ERROR
#: reported by pmocat.sources while reading the files
run = None
