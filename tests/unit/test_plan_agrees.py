"""plan and can-take agree: on the same book, the same request gets the same shortfall split
by skill and the same least-cost staffing (planning/staffing.py holds the one rule)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmocat.models import Person, Request, Service
from pmocat.planning.book import Planner
from pmocat.planning.can_take import answer
from pmocat.planning.plan import make_plan, staff_plan
from pmocat.planning.reasons import SkillShortfall
from pmocat.planning.staffing import SMALLEST_PIECE, level
from tests.unit.planning_kit import TODAY, catalogue, day, person, request, service


def both(people: list[Person], services: list[Service], new: Request, book: list[Request]
         ) -> tuple[object, object]:
    cat = catalogue(people=people, services=services, requests=[*book, new])
    planner = Planner(cat, TODAY)
    plan = staff_plan(planner, make_plan(planner))
    return plan, answer(Planner(cat, TODAY), new)


def split(reasons: list[object]) -> list[tuple[str, int, float]]:
    return [(r.skill, r.level, round(r.short_hours, 2)) for r in reasons if isinstance(r, SkillShortfall)]


def team() -> list[Person]:
    # everyone holds both skills: the shortfall could be put on either
    return [person("asha", {"assurance": 3, "engagement": 2}, 40, cost=60),
            person("ben", {"assurance": 3, "engagement": 2}, 40, cost=41),
            person("cara", {"engagement": 2}, 16, cost=30)]


def check() -> Service:
    return service("check", [("assurance", 3, 24), ("engagement", 2, 8)], duration_days=5)


def test_a_shortfall_splits_the_same_way_in_plan_and_can_take() -> None:
    # Mon 7 to Fri 11 Dec: asha and ben 80 h, cara 16 h; the book takes 40 h of assurance;
    # four checks ask 96 h of assurance and 32 h of engagement
    book = [request("B1", "check", date(2026, 12, 11), start="2026-12-07", status="accepted",
                    quantity=1)]
    new = request("R1", "check", date(2026, 12, 11), start="2026-12-07", quantity=4)
    plan, can = both(team(), [check()], new, book)
    [declined] = [d for d in plan.decisions if not d.taken]
    assert can.verdict == "no"
    assert split(declined.reasons) == split(can.reasons)
    assert split(can.reasons) and round(declined.short_hours, 2) == round(can.short_hours, 2)


def test_the_bundled_request_six_is_short_of_assurance_only_in_both() -> None:
    from pathlib import Path

    from pmocat.cli.common import load_trusted

    cat, _ = load_trusted(Path(__file__).parents[2] / "catalogue", None, None, day=TODAY)
    planner = Planner(cat, TODAY)
    [six] = [d for d in make_plan(planner).decisions if d.request.id == "REQ-006"]
    can = answer(Planner(cat, TODAY), cat.requests["REQ-006"])
    assert [s for s, _, _ in split(six.reasons)] == [s for s, _, _ in split(can.reasons)] == ["assurance"]


def test_a_shortfall_names_the_same_window_in_plan_and_can_take() -> None:
    # spec §4.1: skill-shortfall carries `from` and `to`; plan said "by 26 Feb" with a null
    # `from` where can-take said "between 15 and 26 Feb"
    from pathlib import Path

    from pmocat.cli.common import load_trusted
    from pmocat.render.plan import as_json
    from pmocat.render.reasons import reason_json

    cat, _ = load_trusted(Path(__file__).parents[2] / "catalogue", None, None, day=TODAY)
    planner = Planner(cat, TODAY)
    [six] = [d for d in as_json(make_plan(planner))["declined"] if d["request"] == "REQ-006"]
    can = answer(Planner(cat, TODAY), cat.requests["REQ-006"])
    said = [reason_json(r) for r in can.reasons if isinstance(r, SkillShortfall)]
    fields = ("message", "from", "to", "short_hours")
    assert [{k: r[k] for k in fields} for r in six["reasons"]] == [{k: r[k] for k in fields} for r in said]
    assert six["reasons"][0]["from"] == "2027-02-15"


@pytest.mark.parametrize("monthly", [False, True])
def test_a_taken_request_is_staffed_as_can_take_staffs_it(monthly: bool) -> None:
    people = [person("amy", {"raid": 2}, 40, cost=55), person("bob", {"raid": 2}, 20, cost=35),
              person("cal", {"raid": 3}, 40, cost=35)]
    if monthly:
        svc = service("upkeep", [("raid", 2, 12)], price={"model": "per_month", "amount": 600})
        new = request("R1", "upkeep", None, start="2027-01-01", quantity=6)
    else:
        svc = service("upkeep", [("raid", 2, 60)], duration_days=5)
        new = request("R1", "upkeep", day(40), start="2026-12-14", quantity=2)
    book = [request("B1", "upkeep", day(30), start="2026-12-07", status="accepted")] if not monthly else []
    plan, can = both(people, [svc], new, book)
    assert plan.taken == ["R1"] and can.verdict == "yes"
    staffed = sorted((line.person, line.skill, line.hours) for line in plan.staffing)
    assert staffed == can.staffing
    # the cheapest first, ties to the lowest id: bob and cal cost the same
    assert can.staffing[0][0] == "bob"


def test_plan_staffing_is_levelled_without_fragments() -> None:
    svc = service("upkeep", [("raid", 2, 12)], price={"model": "per_month", "amount": 600})
    new = request("R1", "upkeep", None, start="2027-01-01", quantity=6)
    cat = catalogue(people=[person("amy", {"raid": 2}, 40)], services=[svc], requests=[new])
    planner = Planner(cat, TODAY)
    plan = staff_plan(planner, make_plan(planner))
    [line] = plan.staffing
    assert [h for _, h in line.months] == pytest.approx([12.0] * 6)
    booked = [u.booked_hours for u in plan.utilisation if u.booked_hours > 0]
    # about 3 h a week in every week of the six months, not 12 h in each month's first days
    assert len(booked) >= 24 and max(booked) < 6


@pytest.mark.parametrize(("total", "free"), [
    (3.0, [8.0] * 20), (12.0, [8.0] * 20), (0.3, [8.0] * 20), (40.0, [8.0] * 5 + [0.2] * 3),
    (7.0, [0.3, 2.0, 0.0, 4.0, 1.0])])
def test_levelling_keeps_the_total_within_free_hours_in_half_hours(total: float, free: list[float]) -> None:
    room = np.array(free)
    got = level(total, room)
    assert got.sum() == pytest.approx(total)
    assert np.all(got <= room + 1e-9)
    pieces = got[got > 1e-9]
    if total >= SMALLEST_PIECE and room[room >= SMALLEST_PIECE].sum() >= total:
        assert pieces.min() >= SMALLEST_PIECE - 1e-9
    assert pieces.max() - pieces.min() <= max(room) + 1e-9


def test_a_book_that_cannot_be_staffed_says_so_and_keeps_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    # past STAFFING_LIMIT the book is staffed window by window (test_window_staffing.py);
    # should that ever find no staffing, the report says so and keeps the rest
    from pmocat.planning import plan as plan_module
    from pmocat.render.plan import STAFFING_LEFT_OUT, render_text

    svc = service("upkeep", [("raid", 2, 12)], price={"model": "per_month", "amount": 600})
    new = request("R1", "upkeep", None, start="2027-01-01", quantity=6)
    cat = catalogue(people=[person("amy", {"raid": 2}, 40)], services=[svc], requests=[new])
    planner = Planner(cat, TODAY)
    monkeypatch.setattr(plan_module, "STAFFING_LIMIT", 10)
    monkeypatch.setattr(plan_module, "staff_by_window", lambda planner, taken: None)
    plan = staff_plan(planner, make_plan(planner))
    assert plan.taken == ["R1"] and not plan.staffed and plan.staffing == []
    [load] = plan.by_skill
    assert (load.skill, load.people, load.booked_hours) == ("raid", 1, 72.0)
    text = render_text(plan, names={"amy": "Amy"}, services={"upkeep": "Upkeep"}, width=120)
    assert " ".join(STAFFING_LEFT_OUT.split()) in " ".join(text.split())


@st.composite
def books(draw: st.DrawFn) -> tuple[list[Person], Service, list[Request], Request]:
    """A few people holding one or both skills, a two-skill service, an accepted book and
    one new request, all in December's first weeks."""
    people = []
    for j in range(draw(st.integers(1, 4))):
        skills = {s: draw(st.integers(1, 3)) for s in ("assurance", "engagement") if draw(st.booleans())}
        people.append(person(f"p{j}", skills or {"engagement": 1}, draw(st.sampled_from((8, 16, 40))),
                             cost=draw(st.sampled_from((30, 41, 60)))))
    svc = service("check", [("assurance", draw(st.integers(1, 3)), draw(st.integers(4, 40))),
                            ("engagement", draw(st.integers(1, 2)), draw(st.integers(2, 20)))])

    def one(rid: str, status: str) -> Request:
        first = draw(st.integers(6, 12))
        return request(rid, "check", day(first + draw(st.integers(0, 10))), start=day(first).isoformat(),
                       status=status, quantity=draw(st.integers(1, 3)))

    book = [one(f"B{n}", "accepted") for n in range(draw(st.integers(0, 2)))]
    return people, svc, book, one("R1", "new")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books())
@pytest.mark.slow
def test_plan_and_can_take_agree_on_any_small_book(
        book: tuple[list[Person], Service, list[Request], Request]) -> None:
    people, svc, accepted, new = book
    plan, can = both(people, [svc], new, accepted)
    [decision] = plan.decisions
    assert decision.taken == (can.verdict == "yes")
    if decision.taken:
        # the least cost is unique; so is who gets what, here, with ties to the lowest id
        costs = {p.id: float(p.cost_per_hour) for p in people}
        assert sum(costs[line.person] * line.hours for line in plan.staffing) == pytest.approx(
            sum(costs[p] * h for p, _, h in can.staffing), abs=0.05)
        assert sorted((line.person, line.skill, line.hours) for line in plan.staffing) == can.staffing
    else:
        assert split(decision.reasons) == split(can.reasons)
        if all(isinstance(r, SkillShortfall) for r in can.reasons):  # not a refusal by the calendar
            assert decision.short_hours == pytest.approx(can.short_hours, abs=0.01)


@st.composite
def varied_books(draw: st.DrawFn) -> tuple[list[Person], list[Service], list[Request], Request]:
    """Wider than `books`: people on three-day weeks or with a commitment, a monthly service
    beside the one-off one, and requests of either kind over December to February."""
    people = []
    for j in range(draw(st.integers(1, 4))):
        skills = {s: draw(st.integers(1, 3)) for s in ("assurance", "engagement") if draw(st.booleans())}
        extra: dict[str, object] = {}
        if draw(st.booleans()):
            extra["working_days"] = ["monday", "wednesday", "friday"]
        if draw(st.booleans()):
            extra["commitments"] = [{"for": "Steering group", "hours_per_week": draw(st.sampled_from((4, 8))),
                                     "from": day(draw(st.integers(0, 20))).isoformat(),
                                     "to": day(draw(st.integers(21, 60))).isoformat()}]
        people.append(person(f"p{j}", skills or {"engagement": 1}, draw(st.sampled_from((16, 24, 40))),
                             cost=draw(st.sampled_from((30, 41, 60))), **extra))
    check = service("check", [("assurance", draw(st.integers(1, 3)), draw(st.integers(4, 40))),
                              ("engagement", draw(st.integers(1, 2)), draw(st.integers(2, 20)))])
    upkeep = service("upkeep", [("engagement", 1, draw(st.integers(2, 16))),
                                ("assurance", 1, draw(st.integers(1, 6)))],
                     price={"model": "per_month", "amount": 600})

    def one(rid: str, status: str) -> Request:
        if draw(st.booleans()):
            return request(rid, "upkeep", None, start=day(draw(st.integers(0, 40))).isoformat(),
                           status=status, quantity=draw(st.integers(1, 3)))
        first = draw(st.integers(6, 50))
        return request(rid, "check", day(first + draw(st.integers(0, 15))), start=day(first).isoformat(),
                       status=status, quantity=draw(st.integers(1, 3)))

    book = [one(f"B{n}", "accepted") for n in range(draw(st.integers(0, 2)))]
    return people, [check, upkeep], book, one("R1", "new")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(varied_books())
@pytest.mark.slow
def test_plan_and_can_take_agree_on_varied_books(
        book: tuple[list[Person], list[Service], list[Request], Request]) -> None:
    people, services, accepted, new = book
    cat = catalogue(people=people, services=services, requests=[*accepted, new])
    plan = staff_plan(Planner(cat, TODAY), make_plan(Planner(cat, TODAY)))
    can = answer(Planner(cat, TODAY), new)
    [decision] = plan.decisions
    assert decision.taken == (can.verdict == "yes")
    if decision.taken:
        assert sorted((line.person, line.skill, line.hours) for line in plan.staffing) == can.staffing
    else:
        assert split(decision.reasons) == split(can.reasons)
        if all(isinstance(r, SkillShortfall) for r in can.reasons):
            assert decision.short_hours == pytest.approx(can.short_hours, abs=0.01)
