"""book-does-not-fit on the max flow gives the LP's findings, request for request.

The check serves the accepted requests in turn (priority, then due date, then id) on the
kept max flow (`serve_in_turn`). Its reference is what the check did before, on the LP:
maximise each request's hours in turn, keeping what the ones before it got
(`LP.lexicographic`). Both must report the same requests, short by the same hours.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmocat.checks import book_fits
from pmocat.planning.book import Planner
from pmocat.planning.lp import LP
from pmocat.planning.network import Network
from pmocat.sources.catalogue import Catalogue
from tests.unit.planning_kit import TODAY, catalogue, day, person, request, service

pytestmark = pytest.mark.usefixtures("both_blocking_flows")

SKILLS = ("assurance", "reporting", "scheduling")


def lp_shortfalls(cat: Catalogue, today: date) -> list[tuple[str, float]]:
    """The check's findings as the LP gave them (its code before the max flow)."""
    planner = Planner(cat, today, horizon=0)
    items = planner.accepted_items()
    if not items:
        return []
    network = LP(Network(items, cat.people.values(), planner.hours))
    by_request: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        by_request[item.request].append(i)
    ranked = sorted(by_request, key=lambda rid: (cat.requests[rid].priority,
                                                 cat.requests[rid].due or date.max, rid))
    network.maximise(range(len(items)))
    network.lexicographic([by_request[rid] for rid in ranked])
    found = []
    for rid in sorted(by_request):
        short = sum(items[i].hours - network.served(i) for i in by_request[rid])
        if short >= 0.005:
            found.append((rid, short))
    return found


@st.composite
def books(draw: st.DrawFn) -> Catalogue:
    people = [
        person(f"p{j}", {s: draw(st.integers(1, 3)) for s in SKILLS if draw(st.booleans())},
               hours_per_week=draw(st.sampled_from((40, 37.5, 20, 16, 10 / 3))))
        for j in range(draw(st.integers(1, 5)))
    ]
    services = [
        service(f"s{k}", [(draw(st.sampled_from(SKILLS)), draw(st.integers(1, 3)),
                           float(draw(st.integers(1, 30))))
                          for _ in range(draw(st.integers(1, 3)))])
        for k in range(draw(st.integers(1, 3)))
    ]
    requests = []
    for n in range(draw(st.integers(1, 8))):
        start = draw(st.integers(0, 20))
        requests.append(request(
            f"R{n}", f"s{draw(st.integers(0, len(services) - 1))}",
            day(start + draw(st.integers(0, 20))), start=day(start),
            quantity=draw(st.integers(1, 3)), priority=draw(st.integers(1, 3)),
            status=draw(st.sampled_from(("accepted", "accepted", "accepted", "new")))))
    return catalogue(people=people, services=services, requests=requests)


def test_a_short_request_keeps_what_it_got() -> None:
    # one person, 8 h a day from Tuesday to Friday: R0 (priority 1) takes 30 of the 32 h,
    # R1 gets the other 2 and is reported 28 h short, not left with nothing
    cat = catalogue(people=[person("p0", {"assurance": 2})],
                    services=[service("s0", [("assurance", 1, 30.0)])],
                    requests=[request(f"R{n}", "s0", day(4), start=day(0), priority=n + 1,
                                      status="accepted") for n in range(2)])
    assert book_fits._shortfalls(cat, TODAY) == [("R1", pytest.approx(28.0))]
    assert lp_shortfalls(cat, TODAY) == [("R1", pytest.approx(28.0))]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books())
def test_the_max_flow_finds_what_the_lp_found(cat: Catalogue) -> None:
    flow = book_fits._shortfalls(cat, TODAY)
    lp = lp_shortfalls(cat, TODAY)
    assert [rid for rid, _ in flow] == [rid for rid, _ in lp]
    for (_, a), (_, b) in zip(flow, lp, strict=True):
        assert a == pytest.approx(b, abs=1e-6)
