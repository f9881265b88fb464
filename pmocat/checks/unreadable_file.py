"""unreadable-file: a file pmocat cannot open.

The file is there but cannot be read: a folder named like a file (`roster.yaml/`, or a
`.yaml` folder among the services or requests), a file without read permission, a link
that leads nowhere, or something that is not a regular file at all (a named pipe, a
device or a socket, which pmocat never opens: a pipe would wait forever and a device
never ends). The position is the file; check its permissions and type.

Failing:
```yaml
# requests/REQ-099.yaml is a folder, not a file
```
Passing:
```yaml
# requests/REQ-099.yaml
id: REQ-099
service: project-health-check
customer: Estates Strategy
due: 2027-03-12
```
"""

from __future__ import annotations

from pmocat.diagnostics import Severity

CODE = "unreadable-file"
SEVERITY = Severity.ERROR
#: reported by pmocat.sources while reading the files
run = None
