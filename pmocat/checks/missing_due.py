"""missing-due: a request with no `due` date, for a service that is not priced per month.

A request must say when it is needed, or nobody can tell whether the team can deliver
it in time. Only a request for a `per_month` service may leave `due` out: it then runs to
the end of its last month. The position is the request, which lacks the key.

Failing:
```yaml
# requests/REQ-004.yaml (project-health-check has a fixed price)
id: REQ-004
service: project-health-check
customer: Customer Portal Rebuild
start: 2027-02-01
```
Passing:
```yaml
# requests/REQ-004.yaml
id: REQ-004
service: project-health-check
customer: Customer Portal Rebuild
start: 2027-02-01
due: 2027-03-12
```
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, error

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "missing-due"
SEVERITY = Severity.ERROR


def run(cat: Catalogue, day: date) -> Iterator[Diagnostic]:
    for rid, request in cat.requests.items():
        service = cat.services.get(request.service)
        if request.due is None and service is not None and service.price.model != "per_month":
            yield error(CODE, f"request {rid} does not say when it is due", cat.where("request", rid),
                        "add 'due: YYYY-MM-DD'; only requests for a per_month service may leave it out")
