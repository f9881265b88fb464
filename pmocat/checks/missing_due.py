"""missing-due: a request with no `due` date, for a service that is not monthly.

Only a `per_month` service can leave `due` out (it then runs to the end of its last
month); every other request must say when it is needed, or capacity cannot be judged.

Failing:
```yaml
# requests/REQ-042.yaml, for a fixed-price service
id: REQ-042
service: project-health-check
customer: Finance Transformation Programme
```
Passing:
```yaml
id: REQ-042
service: project-health-check
customer: Finance Transformation Programme
due: 2027-03-12
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, error

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "missing-due"
SEVERITY = Severity.ERROR


def run(cat: Catalogue) -> Iterator[Diagnostic]:
    for rid, request in cat.requests.items():
        service = cat.services.get(request.service)
        if request.due is None and service is not None and service.price.model != "per_month":
            yield error(CODE, f"request {rid} has no due date", cat.where("request", rid),
                        "add 'due: YYYY-MM-DD'; only monthly services may leave it out")
