"""book-does-not-fit: the accepted book of work does not fit the roster.

Every request with `status: accepted` whose window is still ahead is worked out as
`can-take` works out the book: no lead time, from max(start, today) to its due date,
each recipe line's hours for qualified people within their hours(p, d). When the roster
cannot serve all of it together (the exact flow model of can-take), each accepted request
left short is reported, at its `status`, with the hours that do not fit.

Which requests are left short is decided the way `pmocat plan` takes requests: in order
of priority, then due date, then id, each served as fully as it can be while keeping what
the ones before it got. The request reported is the last in that order among those that
compete for the same people and days: move its due date, add hours, or decline it.

Failing:
```yaml
# requests/REQ-013.yaml: ten health checks in one week, for three assurance analysts
id: REQ-013
service: project-health-check
customer: Group IT Portfolio
quantity: 10
start: 2027-02-01
due: 2027-02-05
status: accepted
```
Passing:
```yaml
# requests/REQ-013.yaml: two health checks over six weeks
id: REQ-013
service: project-health-check
customer: Group IT Portfolio
quantity: 2
start: 2027-02-01
due: 2027-03-12
status: accepted
```
"""

from __future__ import annotations

import dataclasses
import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, TypeAdapter

from pmocat.diagnostics import Diagnostic, Severity, subject, warning
from pmocat.sources import cache
from pmocat.words import hours

if TYPE_CHECKING:
    from pmocat.models import Person
    from pmocat.planning.network import Item
    from pmocat.sources.catalogue import Catalogue

CODE = "book-does-not-fit"
SEVERITY = Severity.WARNING
@functools.cache
def _shortfalls_shape() -> TypeAdapter[list[tuple[str, float]]]:
    """What the cache holds: (accepted request, hours short > 0) pairs. Built when first
    read, not at import: every `pmocat check` imports this module."""
    return TypeAdapter(list[tuple[str, Annotated[float, Field(gt=0, allow_inf_nan=False)]]])


def run(cat: Catalogue, day: date) -> Iterator[Diagnostic]:
    if cat.pmo is None or not cat.people or not any(
        r.status == "accepted" and r.service in cat.services for r in cat.requests.values()
    ):
        return  # nothing to plan: the capacity engine is not even imported
    for rid, short in shortfalls(cat, day):
        yield warning(CODE, f"accepted request {rid} cannot be served in full: "
                      f"{hours(short)} h of its work does not fit the roster alongside "
                      "the accepted requests before it (by priority, then due date)",
                      cat.where("request", rid, "status"),
                      "move its due date later, add hours or people, or decline a request",
                      (subject("request", rid),))


def shortfalls(cat: Catalogue, day: date) -> list[tuple[str, float]]:
    """(accepted request, hours short) for each accepted request left short, by id."""
    # the answer depends only on these, so a commit that leaves them alone is answered
    # from the cache, without importing the capacity engine (numpy and HiGHS: slow to load)
    key = _cache_key(cat, day)
    found = cache.read("book-fits", key, _shortfalls_shape())
    accepted = {rid for rid, r in cat.requests.items() if r.status == "accepted"}
    if found is None or any(rid not in accepted for rid, _ in found):
        found = _shortfalls(cat, day)
        cache.write("book-fits", key, found)
    return found


def _cache_key(cat: Catalogue, day: date) -> str:
    from pmocat import __version__

    accepted = sorted((r for r in cat.requests.values() if r.status == "accepted"),
                      key=lambda r: r.id)
    services = sorted({r.service for r in accepted if r.service in cat.services})
    ingredients = sorted({i for s in services for i in cat.services[s].ingredients})
    dump = [
        __version__, day.isoformat(), cache.library_stamp("holidays", "registry.py"),
        cat.pmo.model_dump(mode="json") if cat.pmo else None,
        [p.model_dump(mode="json") for _, p in sorted(cat.people.items())],
        [cat.services[s].model_dump(mode="json") for s in services],
        [cat.ingredients[i].model_dump(mode="json") for i in ingredients if i in cat.ingredients],
        [r.model_dump(mode="json") for r in accepted],
    ]
    return cache.key_of(*dump)


def _shortfalls(cat: Catalogue, day: date, *, alike: bool = True) -> list[tuple[str, float]]:
    """(request, hours short) for each accepted request the roster cannot serve in full.

    With `alike` (always, but for the tests that compare with the model without it), the
    items ask for levels merged where the same people qualify (`_alike_levels`).
    """
    from pmocat.planning.book import Planner

    planner = Planner(cat, day, horizon=0)
    items = planner.accepted_items()
    if not items:
        return []
    if alike:
        items = _alike_levels(items, cat.people.values())
    by_request: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        by_request[item.request].append(i)

    def order(rid: str) -> tuple[int, date, str]:
        request = cat.requests[rid]
        return request.priority, request.due or date.max, rid

    ranked = sorted(by_request, key=order)
    groups = [by_request[rid] for rid in ranked]
    if any(item.max_people is not None for item in items):
        # work that cannot be split (spec §3.1): the mixed-integer model, exactly
        from pmocat.planning.whole_book import serve_whole_in_turn

        served = serve_whole_in_turn(planner, items, groups)
    elif alike:
        # the max flow of only the part that does not simply fit (settle.py): exact
        from pmocat.planning.settle import served_in_turn

        served = served_in_turn(items, cat.people.values(), planner.hours, groups)
    else:
        # the max flow of the whole book (flow.py), not the LP: exact
        from pmocat.planning.flow import BookFlow
        from pmocat.planning.network import Network
        from pmocat.planning.plan import serve_in_turn

        served = serve_in_turn(BookFlow(Network(items, list(cat.people.values()), planner.hours)),
                               groups)
    found = []
    for rid, got in sorted(zip(ranked, served, strict=True)):
        short = sum(items[i].hours for i in by_request[rid]) - got
        if short >= 0.005:
            found.append((rid, short))
    return found


def _alike_levels(items: list[Item], people: Iterable[Person]) -> list[Item]:
    """The items, each asking for the lowest level anyone holds at or above its own.

    Exactly the same people are qualified for both (a level L line may be done by anyone
    at L or above, and nobody holds the levels in between), so the answer is the same;
    but lines of one skill at levels nobody tells apart (say 1 and 2 when nobody is at
    level 1) then share their pools in the capacity network, and its largest part, the
    (pool, class) pairs, shrinks by as much.
    """
    held: dict[str, set[int]] = defaultdict(set)
    for person in people:
        for skill, level in person.skills.items():
            held[skill].add(level)

    @functools.cache
    def lowest(skill: str, level: int) -> int:
        return min((at for at in held.get(skill, ()) if at >= level), default=level)

    return [item if (to := lowest(item.skill, item.level)) == item.level
            else dataclasses.replace(item, level=to) for item in items]
