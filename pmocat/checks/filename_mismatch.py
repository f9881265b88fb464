"""filename-mismatch: a service or request file whose name is not its id.

One service or request per file, named by its id, keeps pull requests small and makes
every item easy to find; a file renamed without its id (or the other way round) breaks
that. The position is the id; rename the file or change the id (and the references to
it).

Failing:
```yaml
# services/health-check.yaml
id: project-health-check
```
Passing:
```yaml
# services/project-health-check.yaml
id: project-health-check
```
"""

from __future__ import annotations

from pmocat.diagnostics import Severity

CODE = "filename-mismatch"
SEVERITY = Severity.WARNING
#: reported by pmocat.sources while reading the files
run = None
