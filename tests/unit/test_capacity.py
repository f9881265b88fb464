"""The capacity engine against an independent formulation, on small random instances.

The engine cuts time into segments, merges people into classes, keeps the request asked
about by day and generates its columns lazily; the reference here does none of that: a
plain max flow (or LP) over person-days. Both must agree to the hundredth of an hour.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import highspy
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.lp_columns import complete
from pmocat.models import Person
from pmocat.planning.lp import LP
from pmocat.planning.network import Item, Network
from tests.unit.planning_kit import person, reference_max_flow

DAYS = 21
SKILLS = ("assurance", "reporting")


@dataclass
class Instance:
    people: list[Person]
    hours: dict[str, np.ndarray]
    book: list[Item]
    focus: list[Item]


@st.composite
def instances(draw: st.DrawFn, focus: bool = True) -> Instance:
    n_people = draw(st.integers(1, 4))
    people = []
    hours = {}
    for j in range(n_people):
        skills = {s: draw(st.integers(1, 3)) for s in SKILLS if draw(st.booleans())}
        cost = draw(st.sampled_from((30, 40, 40, 55)))
        people.append(person(f"p{j}", skills, cost=cost))
        daily = draw(st.sampled_from((0.0, 2.5, 4.0, 7.5, 8.0)))
        open_days = draw(st.lists(st.booleans(), min_size=DAYS, max_size=DAYS))
        hours[f"p{j}"] = np.array([daily if o else 0.0 for o in open_days])

    def items(count: int, *, is_focus: bool, prefix: str) -> list[Item]:
        found = []
        for n in range(count):
            a = draw(st.integers(0, DAYS - 1))
            b = draw(st.integers(a, DAYS - 1))
            found.append(Item(f"{prefix}{n}", 0, draw(st.sampled_from(SKILLS)), draw(st.integers(1, 3)),
                              float(draw(st.integers(1, 60))), ((a, b),),
                              accepted=not is_focus, focus=is_focus))
        return found

    book = items(draw(st.integers(0, 4)), is_focus=False, prefix="B")
    asked = items(draw(st.integers(1, 3)), is_focus=True, prefix="N") if focus else []
    return Instance(people, hours, book, asked)


def reference(items: list[Item], inst: Instance, last: int = DAYS - 1) -> float:
    return reference_max_flow(
        [(it.skill, it.level, it.hours, [d for a, b in it.intervals for d in range(a, min(b, last) + 1)])
         for it in items], inst.people, inst.hours)


def network(inst: Instance) -> LP:
    return LP(Network([*inst.book, *inst.focus], inst.people, inst.hours))


def book_first(inst: Instance) -> tuple[LP, list[int], float]:
    """The network with the request switched off and the book served its most, kept as the
    floor (as can-take starts): the network, the request's items and the book's hours."""
    net = network(inst)
    focus = list(range(len(inst.book), len(net.network.items)))
    for i in focus:
        net.set_demand(i, 0.0, 0.0)
    served = net.maximise(range(len(inst.book)))
    net.set_floor(served)
    return net, focus, served


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(instances(focus=False))
@pytest.mark.slow
def test_the_book_served_equals_a_plain_max_flow(inst: Instance) -> None:
    net = network(inst)
    assert abs(net.maximise(range(len(inst.book))) - reference(inst.book, inst)) < 1e-5


@SETTINGS
@given(instances(), st.integers(0, DAYS - 1))
@pytest.mark.slow
def test_what_the_request_gains_is_the_joint_flow_less_the_books(inst: Instance, last: int) -> None:
    net, focus, served = book_first(inst)
    for i in focus:
        net.set_demand(i, 0.0, net.network.items[i].hours)
    net.limit_focus(last)
    gain = net.maximise(focus)
    joint = reference_max_flow(
        [(it.skill, it.level, it.hours, [d for a, b in it.intervals for d in range(a, b + 1)])
         for it in inst.book]
        + [(it.skill, it.level, it.hours, [d for a, b in it.intervals for d in range(a, min(b, last) + 1)])
           for it in inst.focus], inst.people, inst.hours)
    assert abs(served - reference(inst.book, inst)) < 1e-5
    assert abs(served + gain - joint) < 1e-5


@SETTINGS
@given(instances())
def test_allocation_never_exceeds_anyones_hours_and_adds_up(inst: Instance) -> None:
    net = network(inst)
    everything = list(range(len(net.network.items)))
    total = net.maximise(everything)
    by_day: dict[tuple[str, int], float] = defaultdict(float)
    focus_work: dict[tuple[str, int], float] = defaultdict(float)
    for (pid, pair), days in net.allocation().items():
        for d, h in days.items():
            assert h > 0
            by_day[(pid, d)] += h
            if pair is not None:
                focus_work[pair] += h
    for (pid, d), h in by_day.items():
        assert h <= inst.hours[pid][d] + 1e-6, (pid, d)
    assert abs(sum(by_day.values()) - total) < 1e-5
    for pair, hours in focus_work.items():
        served = sum(net.served(i) for i, it in enumerate(net.network.items)
                     if it.focus and (it.skill, it.level) == pair)
        assert abs(hours - served) < 1e-5


def reference_cost(inst: Instance, floor: float, served: list[float]) -> float:
    """Least cost of the focus items at the amounts served, with the book at its floor."""
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    columns = []  # (item, person, day)
    for i, it in enumerate([*inst.book, *inst.focus]):
        for p in inst.people:
            if p.skills.get(it.skill, 0) < it.level:
                continue
            for a, b in it.intervals:
                for d in range(a, b + 1):
                    if inst.hours[p.id][d] > 0:
                        columns.append((i, p, d))
    n_book = len(inst.book)
    cost = [float(p.cost_per_hour) if i >= n_book else 0.0 for i, p, _ in columns]
    h.addVars(len(columns), np.zeros(len(columns)), np.full(len(columns), highspy.kHighsInf))
    h.changeColsCost(len(columns), np.arange(len(columns), dtype=np.int32), np.array(cost))

    def row(lower: float, upper: float, cols: list[int]) -> None:
        h.addRow(lower, upper, len(cols), np.array(cols, dtype=np.int32), np.ones(len(cols)))

    for i, it in enumerate([*inst.book, *inst.focus]):
        cols = [c for c, (k, _, _) in enumerate(columns) if k == i]
        if i < n_book:
            row(0.0, it.hours, cols)
        else:
            row(served[i - n_book] - 1e-7, served[i - n_book] + 1e-7, cols)
    # the engine's floor gives the book's best a millionth of an hour of float slack
    row(floor - 2e-6, highspy.kHighsInf, [c for c, (k, _, _) in enumerate(columns) if k < n_book])
    slots: dict[tuple[str, int], list[int]] = defaultdict(list)
    for c, (_, p, d) in enumerate(columns):
        slots[(p.id, d)].append(c)
    for (pid, d), cols in slots.items():
        row(-highspy.kHighsInf, float(inst.hours[pid][d]), cols)
    h.run()
    assert h.getModelStatus() in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kModelEmpty)
    return float(h.getInfo().objective_function_value)


@SETTINGS
@given(instances())
@pytest.mark.slow
def test_staffing_is_the_least_cost_one(inst: Instance) -> None:
    net, focus, floor = book_first(inst)
    for i in focus:
        net.set_demand(i, 0.0, net.network.items[i].hours)
    net.maximise(focus)
    served = [net.served(i) for i in focus]
    net.pin(focus)
    cost = net.minimise_cost()
    assert abs(cost - reference_cost(inst, floor, served)) < 1e-3
    staffed = sum(h * float(p.cost_per_hour) for p in inst.people
                  for (pid, pair), days in net.allocation(focus_only=True).items()
                  if pid == p.id for h in days.values())
    assert abs(staffed - cost) < 1e-3


def test_ties_in_cost_go_to_the_lowest_person_id() -> None:
    people = [person(pid, {"assurance": 3}, cost=40) for pid in ("cara", "abe", "bea")]
    hours = {p.id: np.full(10, 8.0) for p in people}
    net = LP(Network([Item("R", 0, "assurance", 3, 20.0, ((0, 9),), focus=True)], people, hours))
    net.maximise([0])
    net.pin([0])
    net.minimise_cost()
    staffed = {pid: sum(days.values()) for (pid, _), days in net.allocation(focus_only=True).items()}
    assert staffed == {"abe": pytest.approx(20.0)}


def test_cheaper_people_are_freed_by_moving_the_book() -> None:
    # the book may be done by either; the new work only by the cheap person, or the dear one
    cheap = person("cheap", {"assurance": 3, "reporting": 1}, cost=20)
    dear = person("dear", {"assurance": 3, "reporting": 1}, cost=90)
    hours = {"cheap": np.full(5, 8.0), "dear": np.full(5, 8.0)}
    book = Item("B", 0, "reporting", 1, 40.0, ((0, 4),), accepted=True)
    new = Item("N", 0, "assurance", 3, 40.0, ((0, 4),), focus=True)
    net = LP(Network([book, new], [cheap, dear], hours))
    net.set_demand(1, 0.0, 0.0)
    net.set_floor(net.maximise([0]))
    net.set_demand(1, 0.0, 40.0)
    assert net.maximise([1]) == 40.0
    net.pin([1])
    assert abs(net.minimise_cost() - 40 * 20) < 1e-6


def test_qualification_is_level_or_above() -> None:
    people = [person("ann", {"assurance": 2}), person("bob", {"assurance": 4})]
    hours = {p.id: np.full(5, 8.0) for p in people}
    net = LP(Network([Item("R", 0, "assurance", 3, 100.0, ((0, 4),))], people, hours))
    assert net.maximise([0]) == 40.0  # bob alone: 5 days of 8 hours


@SETTINGS
@given(instances())
@pytest.mark.slow
def test_the_most_units_that_fit_is_a_scaled_max_flow(inst: Instance) -> None:
    net, focus, _ = book_first(inst)
    per_unit = [net.network.items[i].hours for i in focus]
    scale = net.max_scale(focus, per_unit, 5.0)
    for units in range(6):
        joint = reference_max_flow(
            [(it.skill, it.level, it.hours, [d for a, b in it.intervals for d in range(a, b + 1)])
             for it in inst.book]
            + [(it.skill, it.level, it.hours * units, [d for a, b in it.intervals for d in range(a, b + 1)])
               for it in inst.focus], inst.people, inst.hours)
        fits = joint >= reference(inst.book, inst) + sum(per_unit) * units - 1e-6
        assert fits == (units <= scale + 1e-6), (units, scale)


def test_lexicographic_keeps_each_groups_best() -> None:
    # one person, 8 h; two items compete: the first group asked gets all it can
    people = [person("ann", {"assurance": 3, "reporting": 3})]
    hours = {"ann": np.array([8.0])}
    items = [Item("A", 0, "assurance", 3, 6.0, ((0, 0),)), Item("B", 0, "reporting", 3, 6.0, ((0, 0),))]
    net = LP(Network(items, people, hours))
    assert net.lexicographic([[1], [0]]) == pytest.approx([6.0, 2.0])
    assert (net.served(0), net.served(1)) == pytest.approx((2.0, 6.0))
    # the rows it added are let go: the other order is free to win now
    assert net.lexicographic([[0], [1]]) == pytest.approx([6.0, 2.0])


def test_completing_the_columns_changes_no_answer() -> None:
    people = [person(f"p{j}", {"assurance": 1 + j % 3}, cost=30 + j) for j in range(6)]
    hours = {p.id: np.full(15, 6.0) for p in people}
    items = [Item(f"R{n}", 0, "assurance", 1 + n % 3, 70.0, ((n, n + 6),), accepted=True)
             for n in range(8)]
    lazy = LP(Network(items, people, hours))
    full = LP(Network(items, people, hours))
    complete(full)
    assert full.n_cols > lazy.n_cols or lazy.n_cols == full.n_cols
    assert abs(lazy.maximise(range(8)) - full.maximise(range(8))) < 1e-6
