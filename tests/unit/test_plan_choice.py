"""How plan chooses, against references over an independent max flow.

`take_in_turn` (the greedy plan) switches each request on in turn and augments the kept
max flow from it alone (`BookFlow`). Its reference builds, for each request, a plain max
flow over person-days of the book, those taken and it: a request fits when that flow
serves the book its own best and everything else in full. Both must take the same
requests and find the same shortfalls.

`choose_best` (plan --optimize) finds the best set by combinatorial Benders; its
reference tries every subset.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmocat.models import Person
from pmocat.planning.flow import BookFlow
from pmocat.planning.network import Item, Network
from pmocat.planning.plan import choose_best, choose_within, take_in_turn
from tests.unit.planning_kit import person, reference_max_flow

pytestmark = pytest.mark.usefixtures("both_blocking_flows")

DAYS = 15
SKILLS = ("assurance", "reporting")


def flow(items: list[Item], people: list[Person], hours: dict[str, np.ndarray]) -> float:
    return reference_max_flow(
        [(it.skill, it.level, it.hours, [d for a, b in it.intervals for d in range(a, b + 1)])
         for it in items], people, hours)


@st.composite
def plans(draw: st.DrawFn) -> tuple[list[Person], dict[str, np.ndarray], list[Item], list[list[Item]]]:
    people, hours = [], {}
    for j in range(draw(st.integers(1, 4))):
        skills = {s: draw(st.integers(1, 3)) for s in SKILLS if draw(st.booleans())}
        people.append(person(f"p{j}", skills))
        daily = draw(st.sampled_from((2.5, 4.0, 8.0, 7.4, 1 / 3)))  # some with float dust
        hours[f"p{j}"] = np.array([daily if draw(st.booleans()) else 0.0 for _ in range(DAYS)])

    def item(rid: str, line: int, *, accepted: bool) -> Item:
        a = draw(st.integers(0, DAYS - 1))
        b = draw(st.integers(a, DAYS - 1))
        return Item(rid, line, draw(st.sampled_from(SKILLS)), draw(st.integers(1, 3)),
                    float(draw(st.integers(1, 40))), ((a, b),), accepted=accepted)

    book = [item(f"B{n}", 0, accepted=True) for n in range(draw(st.integers(0, 3)))]
    requests = [[item(f"N{n}", line, accepted=False) for line in range(draw(st.integers(1, 2)))]
                for n in range(draw(st.integers(1, 6)))]
    return people, hours, book, requests


def book_at_its_best(people: list[Person], hours: dict[str, np.ndarray], book: list[Item],
                     requests: list[list[Item]]) -> tuple[BookFlow, float, list[list[int]]]:
    """The flow with the book served its most and every request switched off, as plan builds it."""
    items = [*book, *(it for request in requests for it in request)]
    flow = BookFlow(Network(items, people, hours))
    groups, at = [], len(book)
    for request in requests:
        groups.append(list(range(at, at + len(request))))
        at += len(request)
    flow.open(range(len(book)))
    return flow, flow.augment(range(len(book))), groups


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
@pytest.mark.slow
def test_requests_taken_in_turn_decide_as_a_new_max_flow_each_would(
        plan: tuple[list[Person], dict[str, np.ndarray], list[Item], list[list[Item]]]) -> None:
    people, hours, book, requests = plan
    kept, floor, groups = book_at_its_best(people, hours, book, requests)
    outcomes = take_in_turn(kept, groups)

    best_for_book = flow(book, people, hours)
    assert abs(floor - best_for_book) < 1e-6
    taken: list[Item] = []
    for request, outcome in zip(requests, outcomes, strict=True):
        demand = sum(it.hours for it in request)
        # the most this request gets on top of the book at its best and those taken in full
        gets = flow([*book, *taken, *request], people, hours) - best_for_book - sum(it.hours for it in taken)
        fits = gets >= demand - 1e-6
        assert (outcome is None) == fits, (request, gets, demand)
        if fits:
            taken.extend(request)
        else:
            assert outcome is not None
            assert abs(sum(outcome) - gets) < 1e-5
    # what is taken is served together, in full, with the book at its best
    assert abs(flow([*book, *taken], people, hours) - best_for_book - sum(it.hours for it in taken)) < 1e-5


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.data())
@pytest.mark.slow
def test_the_best_choice_is_the_best_of_every_subset(
        plan: tuple[list[Person], dict[str, np.ndarray], list[Item], list[list[Item]]],
        data: st.DataObject) -> None:
    people, hours, book, requests = plan
    n = len(requests)
    priority = data.draw(st.lists(st.integers(1, 3), min_size=n, max_size=n))
    price = data.draw(st.lists(st.integers(0, 9), min_size=n, max_size=n))
    goal = data.draw(st.sampled_from(("priority", "revenue")))
    levels = ([[float(p == level) for p in priority] for level in (1, 2, 3)] if goal == "priority"
              else [[float(p) for p in price]])
    kept, floor, groups = book_at_its_best(people, hours, book, requests)
    chosen = choose_best(kept, floor, groups, levels)

    best_for_book = flow(book, people, hours)

    def fits(subset: tuple[int, ...]) -> bool:
        taken = [it for k in subset for it in requests[k]]
        return flow([*book, *taken], people, hours) >= best_for_book + sum(it.hours for it in taken) - 1e-6

    def value(subset: tuple[int, ...]) -> tuple[float, ...]:
        return tuple(sum(level[k] for k in subset) for level in levels)

    mine = tuple(k for k in range(n) if chosen[k])
    assert fits(mine)
    best = max(value(s) for size in range(n + 1) for s in combinations(range(n), size) if fits(s))
    assert all(abs(x - y) < 1e-6 for x, y in zip(value(mine), best, strict=True)), (value(mine), best)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.data())
@pytest.mark.slow
def test_a_choice_within_a_time_limit_fits_and_keeps_its_gap(
        plan: tuple[list[Person], dict[str, np.ndarray], list[Item], list[list[Item]]],
        data: st.DataObject) -> None:
    """However soon the time runs out, the set fits and is worth at least (1 - gap) of the
    best; with time to spare, it is the best and the gap is 0."""
    people, hours, book, requests = plan
    n = len(requests)
    price = data.draw(st.lists(st.integers(0, 9), min_size=n, max_size=n))
    limit = data.draw(st.sampled_from((1e-9, 0.02, 60.0)))
    kept, floor, groups = book_at_its_best(people, hours, book, requests)
    choice = choose_within(kept, floor, groups, [[float(p) for p in price]], time_limit=limit)

    best_for_book = flow(book, people, hours)

    def fits(subset: tuple[int, ...]) -> bool:
        taken = [it for k in subset for it in requests[k]]
        return flow([*book, *taken], people, hours) >= best_for_book + sum(it.hours for it in taken) - 1e-6

    mine = tuple(k for k in range(n) if choice.chosen[k])
    assert fits(mine)
    value = sum(price[k] for k in mine)
    best = max(sum(price[k] for k in s) for size in range(n + 1)
               for s in combinations(range(n), size) if fits(s))
    assert 0.0 <= choice.gap <= 1.0
    assert value >= (1 - choice.gap) * best - 1e-6, (value, best, choice.gap)
    if limit == 60.0:
        assert choice.gap == 0.0 and abs(value - best) < 1e-6
