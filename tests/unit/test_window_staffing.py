"""Staffing a book too large for one LP, one window at a time (planning/window_staffing.py):
every taken hour staffed, nobody over hours(p, d) on any day, every hour inside its window,
and, with one window and no accepted book, the same least-cost staffing as the one LP."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmocat.models import Person, Request, Service
from pmocat.planning.book import Planner
from pmocat.planning.plan import make_plan, staff_plan
from pmocat.planning.staffing import staff_taken
from pmocat.planning.window_staffing import staff_by_window
from tests.unit.planning_kit import TODAY, catalogue, day, person, request, service

SKILLS = ("assurance", "engagement")


@st.composite
def books(draw: st.DrawFn) -> tuple[list[Person], list[Service], list[Request]]:
    """A few people (some part-time, some on three days), a one-off and a monthly service,
    an accepted book and a few new requests over December and January."""
    people = []
    for j in range(draw(st.integers(1, 5))):
        skills = {s: draw(st.integers(1, 3)) for s in SKILLS if draw(st.booleans())}
        days = draw(st.sampled_from((None, ["monday", "wednesday", "friday"])))
        people.append(person(f"p{j}", skills or {"engagement": 1}, draw(st.sampled_from((8, 16, 24, 40))),
                             cost=draw(st.sampled_from((30, 41, 60))),
                             **({"working_days": days} if days else {})))
    check = service("check", [("assurance", draw(st.integers(1, 3)), draw(st.integers(4, 40))),
                              ("engagement", draw(st.integers(1, 2)), draw(st.integers(2, 20)))])
    upkeep = service("upkeep", [("engagement", 1, draw(st.integers(2, 12)))],
                     price={"model": "per_month", "amount": 600})

    def one(rid: str, status: str) -> Request:
        if draw(st.booleans()):
            return request(rid, "upkeep", None, start=day(draw(st.integers(0, 30))).isoformat(),
                           status=status, quantity=draw(st.integers(1, 3)))
        first = draw(st.integers(6, 40))
        return request(rid, "check", day(first + draw(st.integers(0, 15))), start=day(first).isoformat(),
                       status=status, quantity=draw(st.integers(1, 3)))

    book = [one(f"B{n}", "accepted") for n in range(draw(st.integers(0, 2)))]
    new = [one(f"R{n}", "new") for n in range(draw(st.integers(1, 4)))]
    return people, [check, upkeep], [*book, *new]


def planned(people: list[Person], services: list[Service], requests: list[Request]
            ) -> tuple[Planner, list[Request]]:
    planner = Planner(catalogue(people=people, services=services, requests=requests), TODAY)
    plan = make_plan(planner)
    return planner, [d.request for d in plan.decisions if d.taken]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books())
@pytest.mark.slow
def test_every_taken_hour_is_staffed_within_hours_and_windows(
        book: tuple[list[Person], list[Service], list[Request]]) -> None:
    planner, taken = planned(*book)
    staffed = staff_by_window(planner, taken)
    assert staffed is not None  # the plan took them: they fit together
    network = staffed.network
    assert np.all(staffed.booked <= network.H + 1e-6)
    got: dict[int, float] = defaultdict(float)
    for a in staffed.assignments:
        item = network.items[a.item]
        assert not item.accepted
        inside = {d for lo, hi in item.intervals for d in range(lo, hi + 1)}
        assert set(a.days) <= inside
        assert a.hours == pytest.approx(sum(a.days.values()))
        got[a.item] += a.hours
    for i, item in enumerate(network.items):
        if not item.accepted:
            assert got[i] == pytest.approx(item.hours, abs=1e-3)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books())
@pytest.mark.slow
def test_one_window_alone_is_staffed_as_the_one_lp_staffs_it(
        book: tuple[list[Person], list[Service], list[Request]]) -> None:
    people, services, requests = book
    one = [r.model_copy(update={"status": "new", "service": "check", "quantity": 1,
                                "due": r.due or day(40)})
           for r in requests if r.status == "new"][:1]
    planner, taken = planned(people, services, one)
    if not taken:
        return
    by_window = staff_by_window(planner, taken)
    assert by_window is not None

    def totals(assignments: list) -> list[tuple[str, str, float]]:
        hours: dict[tuple[str, str], float] = defaultdict(float)
        for a in assignments:
            hours[(a.person, a.skill)] += a.hours
        return sorted((p, s, round(h, 2)) for (p, s), h in hours.items() if h > 0.005)

    assert totals(by_window.assignments) == totals(staff_taken(planner, taken).assignments)


def test_plan_staffs_a_book_past_the_limit_window_by_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # plan used to leave the staffing out past STAFFING_LIMIT (the planning benchmark's book)
    from pmocat.planning import plan as plan_module

    people = [person("amy", {"raid": 2}, 40, cost=55), person("bob", {"raid": 2}, 20, cost=35)]
    svc = service("upkeep", [("raid", 2, 12)], price={"model": "per_month", "amount": 600})
    requests = [request("R1", "upkeep", None, start="2027-01-01", quantity=6),
                request("R2", "upkeep", None, start="2027-02-01", quantity=3)]
    planner = Planner(catalogue(people=people, services=[svc], requests=requests), TODAY)
    exact = staff_plan(planner, make_plan(planner))
    monkeypatch.setattr(plan_module, "STAFFING_LIMIT", 10)
    windowed = staff_plan(planner, make_plan(planner))
    assert windowed.staffed and windowed.staffing
    lines = sorted((line.request, line.person, line.hours, line.months) for line in windowed.staffing)
    assert lines == sorted((line.request, line.person, line.hours, line.months) for line in exact.staffing)
    assert date(2027, 1, 1) <= min(line.first for line in windowed.staffing)


def test_a_window_is_laid_in_whole_days_not_slivers() -> None:
    # two lines of one person in one five-day segment (8 h a day free): 2 h then 9 h fill
    # the days in order (2; 6 + 3), not 0.4 h and 1.8 h on each of the five days
    from pmocat.planning.flow import BookFlow
    from pmocat.planning.window_staffing import _State

    svc = service("check", [("assurance", 1, 2), ("engagement", 1, 9)])
    new = request("R1", "check", day(10), start=day(6).isoformat())  # Mon 7 to Fri 11 Dec
    planner = Planner(catalogue(people=[person("amy", {"assurance": 1, "engagement": 1})],
                                services=[svc], requests=[new]), TODAY)
    network = planner_network(planner, new)
    state = _State(network, BookFlow(network))
    [(monday, friday)] = network.items[0].intervals
    [s] = {int(network.seg_of_day[d]) for d in range(monday, friday + 1)}
    _, item, days, hours = state.lay(np.array([0, 1]), np.array([0, 0]), np.array([s, s]), np.array([2.0, 9.0]))
    laid = sorted(zip(item.tolist(), (days - monday).tolist(), np.round(hours, 6).tolist(), strict=True))
    assert laid == [(0, 0, 2.0), (1, 0, 6.0), (1, 1, 3.0)]


def planner_network(planner: Planner, new: Request) -> object:
    from pmocat.planning.network import Network

    service = planner.cat.services[new.service]
    _, _, windows = planner.windows(new, service, accepted=False)
    return Network(planner.items(new, service, windows), planner.cat.people.values(), planner.hours)
