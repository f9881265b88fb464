"""yaml-merge: a merge key (`<<`) that does not name a mapping.

`<<: *anchor` copies the keys of an anchored mapping into this one, which saves
repeating shared values. It takes a mapping or a list of mappings; anything else,
often an alias written without its `*`, is reported and left out. The position is the
value after `<<`.

Failing:
```yaml
# services/project-health-check.yaml
recipe:
  - &review {skill: assurance, level: 3, hours: 24}
  - <<: review
    skill: stakeholder-engagement
```
Passing:
```yaml
# services/project-health-check.yaml
recipe:
  - &review {skill: assurance, level: 3, hours: 24}
  - <<: *review
    skill: stakeholder-engagement
```
"""

from __future__ import annotations

from pmocat.diagnostics import Severity

CODE = "yaml-merge"
SEVERITY = Severity.ERROR
#: reported by pmocat.sources while reading the files
run = None
