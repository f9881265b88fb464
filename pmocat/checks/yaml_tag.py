"""yaml-tag: a YAML tag pmocat does not read, such as `!!python/object`, or a tag that does not fit its value.

Loading is safe: only plain YAML 1.2 values are read (text, numbers, true and false,
null, lists and mappings), never objects, whatever tags a file holds. The core tags
`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!seq` and `!!map` are understood, as
long as the value fits (`!!int ten` does not). The position is the tagged value.

Failing:
```yaml
# services/project-health-check.yaml
owner: !!python/object:os.system asha
```
Passing:
```yaml
# services/project-health-check.yaml
owner: asha
```
"""

from __future__ import annotations

from pmocat.diagnostics import Severity

CODE = "yaml-tag"
SEVERITY = Severity.ERROR
#: reported by pmocat.sources while reading the files
run = None
