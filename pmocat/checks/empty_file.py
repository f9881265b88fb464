"""empty-file: a catalogue file with nothing in it (or only comments).

An empty file is most often a service or request started and not finished, or a file
emptied by a bad merge. Write its content, or delete it. The position is the start of
the file.

Failing:
```yaml
# services/new-service.yaml
```
Passing:
```yaml
# services/new-service.yaml
id: new-service
name: New service
category: Assurance
status: planned
summary: A service still being designed.
owner: asha
recipe: [{skill: assurance, level: 2, hours: 8}]
price: {model: free}
```
"""

from __future__ import annotations

from pmocat.diagnostics import Severity

CODE = "empty-file"
SEVERITY = Severity.ERROR
#: reported by pmocat.sources while reading the files
run = None
