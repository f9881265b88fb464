"""yaml-key: a key that is a list or a mapping instead of plain text.

YAML allows complex keys (written with `?`), but no catalogue file has any use for them;
they usually come from a stray `?` or a pasted fragment. The key and its value are left
out. The position is the key.

Failing:
```yaml
# services/project-health-check.yaml
? [lead_time_days, duration_days]
: 5
```
Passing:
```yaml
# services/project-health-check.yaml
lead_time_days: 5
duration_days: 10
```
"""

from __future__ import annotations

from pmocat.diagnostics import Severity

CODE = "yaml-key"
SEVERITY = Severity.ERROR
#: reported by pmocat.sources while reading the files
run = None
