"""duplicate-key: a key appears twice in the same mapping.

Most YAML readers silently keep one of the two values, so a change can be lost without
anyone noticing (a classic of merges). pmocat keeps the first value and reports the
second; the hint gives the line of the first. Fix it by keeping the one you mean.

Failing:
```yaml
# services/project-health-check.yaml
lead_time_days: 5
duration_days: 10
lead_time_days: 10
```
Passing:
```yaml
# services/project-health-check.yaml
lead_time_days: 10
duration_days: 10
```
"""

from __future__ import annotations

from pmocat.diagnostics import Severity

CODE = "duplicate-key"
SEVERITY = Severity.ERROR
#: reported by pmocat.sources while reading the files
run = None
