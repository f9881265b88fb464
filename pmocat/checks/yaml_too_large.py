"""yaml-too-large: a file too big to read: over 10 MB, or more than 500,000 values.

Anchors (`&a`) and aliases (`*a`) let a value be reused, and each alias can repeat a
list of aliases: six short lines can stand for a million values, and a few more for
billions (an "alias bomb"). pmocat counts the values as it reads and stops at 500,000,
far beyond any real catalogue, instead of running out of memory; the message says
whether aliases or the values written out are to blame. A file of more than 10 MB
(10,485,760 bytes) is not read past that limit at all; the environment variable
`PMOCAT_MAX_FILE_BYTES` sets another limit, in bytes. Nothing in the file is read; the
position is the start of the file.

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
