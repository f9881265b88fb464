"""unsafe-path: a link that leads outside the catalogue, or loops back on itself.

pmocat reads only the catalogue's own regular files. A symbolic link among them
(`pmo.yaml`, `skills.yaml`, `ingredients.yaml`, `roster.yaml`, a file in `services/` or
`requests/`, or either folder itself) may point at another file of the catalogue, but a
link whose target lies outside the catalogue's folder is never followed: committed into a
repository, `services/x.yaml -> /proc/self/environ` would print a CI runner's secrets in
a public log. A link that loops back on itself is refused too. The target is never
opened and never named in the report; the position is the link. Files named on the
command line (`--roster`, `--requests`, a request file) are the user's choice and may
live anywhere, but they too must be regular files.

Failing:
```yaml
# services/x.yaml is a link to /etc/passwd
```
Passing:
```yaml
# services/x.yaml is the file itself, or a link to a file inside the catalogue
id: x
```
"""

from __future__ import annotations

from pmocat.diagnostics import Severity

CODE = "unsafe-path"
SEVERITY = Severity.ERROR
#: reported by pmocat.sources while reading the files
run = None
