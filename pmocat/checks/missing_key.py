"""missing-key: a required key is missing.

Each kind of file has keys that must be given (see docs/catalogue.md): a service's `id`,
`name`, `category`, `status`, `summary`, `owner`, `recipe` and `price`, a person's `id`,
`name`, `skills` and `hours_per_week`, and so on. The position is the mapping that lacks
the key, and the hint names it. (A request's `due` is reported as `missing-due`.)

Failing:
```yaml
# services/new-service.yaml
id: new-service
name: New service
category: Assurance
status: planned
summary: A service still being designed.
recipe: [{skill: assurance, level: 2, hours: 8}]
price: {model: free}
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

CODE = "missing-key"
SEVERITY = Severity.ERROR
#: reported by pmocat.sources while reading the files
run = None
