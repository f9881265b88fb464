"""book-does-not-fit: the accepted book of work does not fit the roster.

Every request with `status: accepted` (and a due date still ahead) is worked out as
`can-take` would, without lead time, and all of them are served together as far as the
roster's hours allow (the exact flow model of `can-take`). When some accepted work cannot
be served, each accepted request left short is reported, at its `status`. Either the
roster needs more hours, or a request needs a later due date.

Failing:
```yaml
# requests/REQ-001.yaml: 10 health checks in one week, for a roster with two assurance analysts
service: project-health-check
quantity: 10
start: 2027-02-01
due: 2027-02-05
status: accepted
```
Passing:
```yaml
service: project-health-check
quantity: 2
start: 2027-02-01
due: 2027-03-12
status: accepted
```
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, warning

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "book-does-not-fit"
SEVERITY = Severity.WARNING


def run(cat: Catalogue) -> Iterator[Diagnostic]:
    from pmocat.checks import today

    day = today()
    accepted = [r for r in cat.requests.values() if r.status == "accepted"
                and r.service in cat.services and (r.due is None or r.due >= day)]
    if not accepted or cat.pmo is None or not cat.people:
        return
    from pmocat.planning.book import Planner
    from pmocat.planning.capacity import Network

    planner = Planner(cat, day, horizon=0)
    items = planner.accepted_items()
    if not items:
        return
    network = Network(items, list(cat.people.values()), planner.hours)
    served = network.maximise(range(len(items)))
    demand = sum(it.hours for it in items)
    if served >= demand - 1e-6 * max(demand, 1.0):
        return
    short: dict[str, float] = defaultdict(float)
    for i, item in enumerate(items):
        short[item.request] += item.hours - network.served(i)
    for rid, hours in sorted(short.items()):
        if hours > 0.005:
            yield warning(CODE, f"accepted request {rid} cannot be served in full: "
                          f"{hours:.4g} h of its work does not fit the roster alongside the rest",
                          cat.where("request", rid, "status"),
                          "add hours or people, move a due date later, or decline a request")
