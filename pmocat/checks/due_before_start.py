"""due-before-start: a request due before the date it may start.

`start` is the earliest day work may begin and `due` the day it must be delivered by; a
request due before it starts can never be met, and usually means two dates were swapped
or mistyped. The position is the `due` date.

Failing:
```yaml
# requests/REQ-001.yaml
start: 2027-02-26
due: 2027-01-11
```
Passing:
```yaml
# requests/REQ-001.yaml
start: 2027-01-11
due: 2027-02-26
```
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, error

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "due-before-start"
SEVERITY = Severity.ERROR


def run(cat: Catalogue, day: date) -> Iterator[Diagnostic]:
    for rid, request in cat.requests.items():
        if request.start is not None and request.due is not None and request.due < request.start:
            yield error(CODE, f"request {rid} is due on {request.due}, before its start on "
                        f"{request.start}", cat.where("request", rid, "due"),
                        "'start' is the earliest day work may begin, 'due' the day it is "
                        "delivered by; are they swapped?")
