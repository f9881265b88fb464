"""accepted-not-on-menu: an accepted request for a service that is planned or retired.

The book of work still holds the request, and the roster's hours are still set aside for
it, but the service no longer takes work: retiring a service does not deliver what was
promised with it. Finish or hand over the request before the service goes, or put the
service back on the menu. Requests already past their due date are left alone. The
position is the request's `service`.

Failing:
```yaml
# services/project-health-check.yaml (REQ-001, accepted, needs it)
status: retired
```
Passing:
```yaml
# services/project-health-check.yaml
status: live
```
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, warning
from pmocat.models import ON_MENU

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "accepted-not-on-menu"
SEVERITY = Severity.WARNING


def run(cat: Catalogue, day: date) -> Iterator[Diagnostic]:
    for rid, request in sorted(cat.requests.items()):
        service = cat.services.get(request.service)
        if (request.status != "accepted" or service is None or service.status in ON_MENU
                or (request.due is not None and request.due < day)):
            continue
        yield warning(CODE, f"accepted request {rid} needs '{service.name}', which is "
                      f"{service.status} and takes no more work", cat.where("request", rid, "service"),
                      "deliver or hand over the request before the service goes, or put the "
                      "service back on the menu (status: live)")
