"""yaml-too-deep: data nested far deeper than any catalogue needs.

A catalogue file needs a handful of levels; past 100 levels of lists and mappings,
pmocat stops reading that part of the file, which protects it from files built to
exhaust memory or the stack. (Past 1,000 levels the YAML parser itself refuses the file,
as `yaml-syntax`.) It is almost always a runaway of unclosed brackets. The position is
the first value too deep.

Failing:
```yaml
# services/project-health-check.yaml
tags: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[assurance]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
```
Passing:
```yaml
# services/project-health-check.yaml
tags: [assurance]
```
"""

from __future__ import annotations

from pmocat.diagnostics import Severity

CODE = "yaml-too-deep"
SEVERITY = Severity.ERROR
#: reported by pmocat.sources while reading the files
run = None
