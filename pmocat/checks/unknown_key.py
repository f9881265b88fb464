"""unknown-key: a key pmocat does not know, usually a typo.

Every file has a fixed set of keys, so a misspelt key is caught instead of quietly doing
nothing (a `lead_time: 5` that leaves the lead time at its default of 0). The position
is the key; the hint suggests the nearest known key, or lists the keys allowed there.

Failing:
```yaml
# services/project-health-check.yaml
lead_time: 5
```
Passing:
```yaml
# services/project-health-check.yaml
lead_time_days: 5
```
"""

from __future__ import annotations

from pmocat.diagnostics import Severity

CODE = "unknown-key"
SEVERITY = Severity.ERROR
#: reported by pmocat.sources while reading the files
run = None
