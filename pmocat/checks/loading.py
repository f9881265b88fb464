"""Problems found while reading the files: YAML syntax, types, unknown keys, ids.

These are reported by `pmocat.sources` as each file is read; this module documents them.
"""

from __future__ import annotations

from pmocat.checks import Rule
from pmocat.diagnostics import Severity


def _rule(code: str, doc: str, severity: Severity = Severity.ERROR) -> Rule:
    return Rule(code, severity, doc, None)


LOADER_RULES = [
    _rule("yaml-syntax", """The file is not valid YAML.

Indentation with tabs, an unclosed quote or bracket, a value where a key belongs, bytes
that are not text, or nesting more than 1,000 levels deep. Nothing else in the file can
be read until it is fixed. The position is where the YAML parser gave up.

Failing:
```yaml
name: Project health check
  category: Assurance
```
Passing:
```yaml
name: Project health check
category: Assurance
```
"""),
    _rule("encoding", """The file is not UTF-8 text.

pmocat reads catalogue files as UTF-8 (a byte order mark is fine). The position is the
first byte that is not UTF-8; re-save the file as UTF-8.

Failing: a file saved as Latin-1 with `name: Caf\\xe9 review`.

Passing:
```yaml
name: Café review
```
"""),
    _rule("duplicate-key", """A key appears twice in the same mapping.

YAML would silently keep one of the two values; pmocat keeps the first and reports the
second, so nothing is lost without you knowing.

Failing:
```yaml
lead_time_days: 5
lead_time_days: 10
```
Passing:
```yaml
lead_time_days: 5
```
"""),
    _rule("yaml-tag", """A YAML tag pmocat does not read, such as `!!python/object`.

Loading is safe: only plain YAML 1.2 values (text, numbers, true/false, null, lists and
mappings) are read, never objects.

Failing:
```yaml
owner: !!python/object:os.system asha
```
Passing:
```yaml
owner: asha
```
"""),
    _rule("yaml-key", """A key that is a list or a mapping.

Failing:
```yaml
? [a, b]
: value
```
Passing:
```yaml
a: value
```
"""),
    _rule("yaml-merge", """A merge key (`<<`) that does not name a mapping.

Failing:
```yaml
defaults: &defaults [1, 2]
recipe_line:
  <<: *defaults
```
Passing:
```yaml
defaults: &defaults {level: 3}
recipe_line:
  <<: *defaults
  skill: assurance
```
"""),
    _rule("yaml-too-deep", """Data nested far deeper than any catalogue needs (over 100 levels).

Failing:
```yaml
a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
```
Passing:
```yaml
a: [[1, 2], [3]]
```
"""),
    _rule("yaml-too-large", """Aliases that expand to more than 500,000 values (an "alias bomb").

A few lines of anchors and aliases can expand to billions of values; pmocat stops
reading such a file instead of running out of memory.

Failing:
```yaml
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
```
Passing:
```yaml
a: [x, x]
```
"""),
    _rule("empty-file", """A catalogue file with nothing in it.

Failing: an empty `services/new-service.yaml`.

Passing:
```yaml
id: new-service
```
"""),
    _rule("unreadable-file", """A file pmocat cannot open (permissions, or a folder where a file belongs).

Failing: `roster.yaml` that is a directory, or has no read permission.

Passing: a readable `roster.yaml`.
"""),
    _rule("missing-file", """A file every catalogue needs is missing: `pmo.yaml`, `skills.yaml` or `roster.yaml`.

Failing: a catalogue folder with no `roster.yaml`.

Passing:
```yaml
people:
  - {id: asha, name: Asha Patel, skills: {assurance: 4}, hours_per_week: 37.5}
```
"""),
    _rule("missing-key", """A required key is missing. The position is the mapping that lacks it.

Failing:
```yaml
id: project-health-check
name: Project health check
```
Passing:
```yaml
id: project-health-check
name: Project health check
category: Assurance
status: live
summary: Independent review of a project's health.
owner: asha
recipe: [{skill: assurance, level: 3, hours: 24}]
price: {model: fixed, amount: 4500}
```
"""),
    _rule("unknown-key", """A key pmocat does not know, usually a typo; the hint suggests the nearest known key.

Failing:
```yaml
lead_time: 5
```
Passing:
```yaml
lead_time_days: 5
```
"""),
    _rule("invalid-type", """A value of the wrong kind: text where a number belongs, a list where a mapping belongs.

Failing:
```yaml
hours_per_week: full time
```
Passing:
```yaml
hours_per_week: 37.5
```
"""),
    _rule("invalid-value", """A value of the right kind that is not allowed.

Out of range, not a real date, not one of the choices, an id that is not a slug, a
price without an amount.

Failing:
```yaml
due: 2027-02-30
priority: 9
status: lve
```
Passing:
```yaml
due: 2027-02-26
priority: 2
status: live
```
"""),
    _rule("duplicate-id", """Two items share an id: two people, two skills, or two service files with the same `id`.

Failing:
```yaml
people:
  - {id: asha, name: Asha Patel, skills: {assurance: 4}, hours_per_week: 37.5}
  - {id: asha, name: Asha Khan, skills: {reporting: 3}, hours_per_week: 37.5}
```
Passing:
```yaml
people:
  - {id: asha, name: Asha Patel, skills: {assurance: 4}, hours_per_week: 37.5}
  - {id: asha-k, name: Asha Khan, skills: {reporting: 3}, hours_per_week: 37.5}
```
"""),
    _rule("filename-mismatch", """A service or request file whose name is not its id.

One item per file, named by its id, keeps pull requests small and things easy to find.

Failing: `services/health-check.yaml` holding
```yaml
id: project-health-check
```
Passing: `services/project-health-check.yaml` holding
```yaml
id: project-health-check
```
""", Severity.WARNING),
]
