"""invalid-value: a value of the right kind that is not allowed.

A number out of range (`priority: 9`, a level of 6, negative hours), a date that does
not exist (`2027-02-30`) or is not written `YYYY-MM-DD`, a word that is not one of the
choices (`status: lve`, with a "did you mean"), an id that is not a slug, opening hours
that do not run forward, a period that ends before it starts, a price without an
amount, an amount with more than two decimal places. The position is the value.

Failing:
```yaml
# requests/REQ-004.yaml
due: 2027-02-30
priority: 9
status: acepted
```
Passing:
```yaml
# requests/REQ-004.yaml
due: 2027-02-26
priority: 2
status: accepted
```
"""

from __future__ import annotations

from pmocat.diagnostics import Severity

CODE = "invalid-value"
SEVERITY = Severity.ERROR
#: reported by pmocat.sources while reading the files
run = None
