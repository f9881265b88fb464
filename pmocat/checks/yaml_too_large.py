"""yaml-too-large: aliases that expand the file to more than 500,000 values (an "alias bomb").

Anchors (`&a`) and aliases (`*a`) let a value be reused, and each alias can repeat a
list of aliases: six short lines can stand for a million values, and a few more for
billions. pmocat counts the values as it reads and stops at 500,000, far beyond any real
catalogue, instead of running out of memory. Nothing in the file is read; the position
is the start of the file.

Failing:
```yaml
# services/project-health-check.yaml
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
```
Passing:
```yaml
# services/project-health-check.yaml
tags: [assurance, health-check]
```
"""

from __future__ import annotations

from pmocat.diagnostics import Severity

CODE = "yaml-too-large"
SEVERITY = Severity.ERROR
#: reported by pmocat.sources while reading the files
run = None
