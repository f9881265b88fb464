"""yaml-syntax: the file is not valid YAML, so nothing in it can be read.

Typical causes: a line indented more or less than its neighbours, indentation with tab
characters (YAML allows only spaces), an unclosed quote or bracket, a `key: value` where
a list item belongs, or bytes that are not text at all (a binary file, control
characters). Nothing else in the file is checked until it is fixed; the other files
still are. The position is where the YAML parser gave up, which is sometimes a line or
two after the real mistake; a hint says when tabs are to blame.

Failing:
```yaml
# services/project-health-check.yaml
name: Project health check
  category: Assurance
```
Passing:
```yaml
# services/project-health-check.yaml
name: Project health check
category: Assurance
```
"""

from __future__ import annotations

from pmocat.diagnostics import Severity

CODE = "yaml-syntax"
SEVERITY = Severity.ERROR
#: reported by pmocat.sources while reading the files
run = None
