"""Work that cannot be split (`max_people`, spec §3.1): can-take's answers are exact.

Checked against a brute force written only for these tests: every way of choosing at most
N people for each unit of each line with max_people is enumerated, and for each choice the
work is a plain linear program over person-days (no segments, no binaries, no big-M);
the best choice is the exact optimum.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmocat.models import Person, Request, Service
from pmocat.planning import can_take as can_take_module
from pmocat.planning.book import Planner
from pmocat.planning.can_take import answer
from pmocat.planning.lp import silent_highs
from pmocat.planning.network import Item
from pmocat.planning.reasons import IndivisibleShortfall
from tests.unit.planning_kit import TODAY, catalogue, day, person, request

# -- the brute force ----------------------------------------------------------------------


def _lp_best(units: list[tuple[float, list[int], list[int], bool]], H: np.ndarray,
             floor: float | None) -> tuple[float, float]:
    """(book hours, focus hours) at the best: the book at its most, then (with the book at
    least `floor`) the focus at its most. `units`: (hours, people, days, is_focus)."""
    import highspy

    cols: list[tuple[int, int, int]] = []  # (unit, person, day)
    for u, (_, people, days, _) in enumerate(units):
        cols.extend((u, p, d) for p in people for d in days if H[p, d] > 0)
    h = silent_highs()
    inf = highspy.kHighsInf
    n = len(cols)
    if n == 0:
        return 0.0, 0.0
    h.addVars(n, np.zeros(n), np.full(n, inf))
    for u, (hours, _, _, _) in enumerate(units):
        idx = [c for c, col in enumerate(cols) if col[0] == u]
        if idx:
            h.addRow(0.0, hours, len(idx), np.array(idx, dtype=np.int32), np.ones(len(idx)))
    for p, d in {(p, d) for _, p, d in cols}:
        idx = [c for c, col in enumerate(cols) if col[1] == p and col[2] == d]
        h.addRow(-inf, float(H[p, d]), len(idx), np.array(idx, dtype=np.int32), np.ones(len(idx)))
    book = np.array([0.0 if units[u][3] else 1.0 for u, _, _ in cols])
    focus = 1.0 - book
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    if floor is None:
        h.changeColsCost(n, np.arange(n, dtype=np.int32), book)
        h.run()
        return float(h.getInfo().objective_function_value), 0.0
    idx = np.flatnonzero(book)
    if len(idx):
        h.addRow(floor - 1e-7, inf, len(idx), idx.astype(np.int32), np.ones(len(idx)))
    h.changeColsCost(n, np.arange(n, dtype=np.int32), focus)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return 0.0, -1.0  # this choice cannot keep the book at its best
    return floor, float(h.getInfo().objective_function_value)


def _choices(items: list[Item], people: list[Person], H: np.ndarray):  # type: ignore[no-untyped-def]
    """Every choice of people per unit: lists of (hours, people, days, is_focus)."""
    per_unit: list[list[tuple[float, list[int], list[int], bool]]] = []
    for it in items:
        days = [d for a, b in it.intervals for d in range(max(a, 0), min(b, H.shape[1] - 1) + 1)]
        held = [j for j, p in enumerate(people) if p.skills.get(it.skill, 0) >= it.level]
        if it.max_people is None:
            per_unit.append([(it.hours, held, days, it.focus)])
            continue
        each = it.hours / it.units
        subsets = [list(s) for k in range(1, min(it.max_people, len(held)) + 1)
                   for s in itertools.combinations(held, k)] or [[]]
        per_unit.extend([(each, s, days, it.focus) for s in subsets] for _ in range(it.units))
    return itertools.product(*per_unit)


def brute_short(planner: Planner, new: Request, service: Service, due: date, quantity: int
                ) -> float | None:
    """Hours short for the request with this due and quantity, by enumeration (None: a
    refusal before capacity, such as a window too short)."""
    people = sorted(planner.cat.people.values(), key=lambda p: p.id)
    length = len(next(iter(planner.hours.values())))
    H = np.array([planner.hours[p.id][:length] for p in people])
    book = planner.accepted_items(excluding=new.id)
    asked = new.model_copy(update={"quantity": quantity, "due": due})
    _, _, windows = planner.windows(asked, service, accepted=False, due=due)
    question = can_take_module._Question(planner, asked, service)
    reasons, _ = question.refusals(asked, windows, due)
    if reasons:
        return None
    focus = planner.items(asked, service, windows, focus=True)
    best_book = max(_lp_best(list(c), H, None)[0] for c in _choices(book, people, H))
    demand = sum(it.hours for it in focus)
    best_focus = max(_lp_best(list(c), H, best_book)[1] for c in _choices([*book, *focus], people, H))
    short = demand - best_focus
    return short if short > 1e-6 * max(1.0, demand) else 0.0


# -- tiny PMOs ----------------------------------------------------------------------------


def check_service(hours: tuple[float, float], most: int | None, quantity_days: int = 3) -> Service:
    recipe: list[dict[str, Any]] = [{"skill": "assurance", "level": 2, "hours": hours[0]},
                                    {"skill": "engagement", "level": 1, "hours": hours[1]}]
    if most is not None:
        recipe[0]["max_people"] = most
    return Service.model_validate({
        "id": "review", "name": "Review", "category": "Test", "status": "live",
        "summary": "A test review.", "owner": "nobody", "recipe": recipe,
        "duration_days": 1, "price": {"model": "fixed", "amount": 1000}})


@st.composite
def tiny(draw: st.DrawFn) -> tuple[list[Person], Service, list[Request], Request]:
    people = [person(f"p{j}", {"assurance": draw(st.integers(1, 3)), "engagement": 1},
                     draw(st.sampled_from((8, 16, 24, 40))), cost=draw(st.sampled_from((30, 50))))
              for j in range(draw(st.integers(2, 4)))]
    svc = check_service((float(draw(st.integers(4, 30))), float(draw(st.integers(0, 6)) or 1)),
                        draw(st.sampled_from((1, 1, 2))))

    def one(rid: str, status: str) -> Request:
        first = draw(st.integers(6, 9))  # 7 Dec 2026 is a Monday
        return request(rid, "review", day(first + draw(st.integers(0, 5))), start=day(first).isoformat(),
                       status=status, quantity=draw(st.integers(1, 2)))

    book = [one(f"B{n}", "accepted") for n in range(draw(st.integers(0, 1)))]
    return people, svc, book, one("R1", "new")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny())
@pytest.mark.slow
def test_can_take_is_the_brute_force_on_tiny_pmos(
        case: tuple[list[Person], Service, list[Request], Request]) -> None:
    people, svc, book, new = case
    cat = catalogue(people=people, services=[svc], requests=[*book, new])
    got = answer(Planner(cat, TODAY, horizon=20), new)
    planner = Planner(cat, TODAY, horizon=20)
    assert new.due is not None
    short = brute_short(planner, new, svc, new.due, new.quantity)
    if short is None:
        return  # refused before any arithmetic: not this test's question
    assert got.short_hours == pytest.approx(short, abs=1e-3)
    assert (got.verdict == "yes") == (short == 0.0)
    # max_quantity: the most units that fit by the due date
    most = max((q for q in range(1, new.quantity + 1)
                if brute_short(planner, new, svc, new.due, q) == 0.0), default=0)
    assert got.max_quantity == most
    # earliest_due: the first date from the start that fits, within the horizon searched
    end = new.due + timedelta(days=20)
    trial, first_fit = new.start or TODAY, None
    while trial <= end:
        if brute_short(planner, new, svc, trial, new.quantity) == 0.0:
            first_fit = trial
            break
        trial += timedelta(days=1)
    if first_fit is None or got.earliest_due is None:
        assert got.earliest_due is None or got.earliest_due > end or first_fit is None
    else:
        assert got.earliest_due == first_fit


# -- named cases --------------------------------------------------------------------------


def reviewers(free: tuple[float, ...]) -> list[Person]:
    """Reviewers with `free` hours a week each (five working days: free/5 a day)."""
    return [person(f"r{j}", {"assurance": 3, "engagement": 1}, h, cost=40 + j)
            for j, h in enumerate(free)]


def one_week(most: int | None, quantity: int = 1, hours: float = 30) -> tuple[Service, Request]:
    svc = check_service((hours, 1.0), most)
    return svc, request("R1", "review", day(10), start=day(6).isoformat(), quantity=quantity)


def test_one_reviewer_with_too_few_hours_is_a_no_that_says_why() -> None:
    svc, new = one_week(1)
    cat = catalogue(people=reviewers((20, 15)), services=[svc], requests=[new])
    got = answer(Planner(cat, TODAY), new)
    assert got.verdict == "no"
    assert got.short_hours == pytest.approx(10.0)
    [why] = [r for r in got.reasons if isinstance(r, IndivisibleShortfall)]
    assert (why.skill, why.level, why.max_people, why.needed_hours, why.best_hours) == (
        "assurance", 2, 1, 30.0, 20.0)
    assert got.earliest_due is not None and got.earliest_due > new.due  # a way to a yes


def test_two_may_share_it_and_then_it_fits() -> None:
    svc, new = one_week(2)
    cat = catalogue(people=reviewers((20, 15)), services=[svc], requests=[new])
    got = answer(Planner(cat, TODAY), new)
    assert got.verdict == "yes"
    [unit] = [u for u in got.units if u.skill == "assurance"]
    assert sorted(pid for pid, _ in unit.people) == ["r0", "r1"]
    assert sum(h for _, h in unit.people) == pytest.approx(30.0)


def test_a_yes_names_one_reviewer_per_unit() -> None:
    svc, new = one_week(1, quantity=2, hours=16)
    cat = catalogue(people=reviewers((20, 20, 40)), services=[svc], requests=[new])
    got = answer(Planner(cat, TODAY), new)
    assert got.verdict == "yes"
    units = [u for u in got.units if u.skill == "assurance"]
    assert [u.unit for u in units] == [1, 2]
    assert all(len(u.people) == 1 and u.people[0][1] == pytest.approx(16.0) for u in units)


@pytest.mark.parametrize("free", [(20, 15), (20, 15, 8), (12, 12, 12)])
def test_max_people_at_least_everyone_is_the_divisible_answer(free: tuple[float, ...]) -> None:
    shared, new = one_week(None)
    whole, _ = one_week(len(free))
    divisible = answer(Planner(catalogue(people=reviewers(free), services=[shared], requests=[new]), TODAY), new)
    limited = answer(Planner(catalogue(people=reviewers(free), services=[whole], requests=[new]), TODAY), new)
    assert (limited.verdict, limited.short_hours, limited.earliest_due, limited.max_quantity) == (
        divisible.verdict, pytest.approx(divisible.short_hours), divisible.earliest_due,
        divisible.max_quantity)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from((8, 16, 24, 40)), min_size=1, max_size=3),
       st.integers(1, 3), st.sampled_from((10.0, 20.0, 30.0)), st.sampled_from((8, 24, 40)))
@pytest.mark.slow
def test_more_people_or_a_higher_max_never_turns_yes_to_no(
        free: list[int], most: int, hours: float, extra: int) -> None:
    svc, new = one_week(most, hours=hours)
    base = answer(Planner(catalogue(people=reviewers(tuple(free)), services=[svc], requests=[new]), TODAY), new)
    higher, _ = one_week(most + 1, hours=hours)
    raised = answer(Planner(catalogue(people=reviewers(tuple(free)), services=[higher], requests=[new]), TODAY), new)
    added = answer(Planner(catalogue(people=reviewers((*free, extra)), services=[svc], requests=[new]), TODAY), new)
    for other in (raised, added):
        assert other.short_hours <= base.short_hours + 1e-6
        if base.verdict == "yes":
            assert other.verdict == "yes"


def test_without_max_people_the_exact_model_is_never_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """The divisible path is the one it always was: the mixed-integer module is not used."""
    import pmocat.planning.can_take_exact as exact

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the exact model was built for divisible work")

    monkeypatch.setattr(exact.ExactCapacity, "__init__", refuse)
    svc, new = one_week(None)
    got = answer(Planner(catalogue(people=reviewers((20, 15)), services=[svc], requests=[new]), TODAY), new)
    assert got.verdict == "yes" and got.units == []


def test_plan_declines_what_one_reviewer_cannot_do_and_takes_what_two_can() -> None:
    from pmocat.planning.plan import make_plan

    for most, taken in ((1, False), (2, True)):
        svc, new = one_week(most)
        cat = catalogue(people=reviewers((20, 15)), services=[svc], requests=[new])
        [decision] = make_plan(Planner(cat, TODAY)).decisions
        assert decision.taken is taken
        if not taken:
            assert decision.short_hours == pytest.approx(10.0)


def test_check_finds_an_accepted_review_no_one_reviewer_can_do() -> None:
    from pmocat.checks.book_fits import _shortfalls

    for most, short in ((1, [("R1", 10.0)]), (2, [])):
        svc, new = one_week(most)
        accepted = new.model_copy(update={"status": "accepted"})
        cat = catalogue(people=reviewers((20, 15)), services=[svc], requests=[accepted])
        assert [(rid, round(h, 2)) for rid, h in _shortfalls(cat, TODAY)] == short
