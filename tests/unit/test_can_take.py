"""can-take's answer: the shortfall, the staffing, the money, and what would make it yes.

The properties (hypothesis) run on small random PMOs built in code:
more capacity never turns yes into no; more accepted work never turns no into yes;
earliest_due passes and the day before does not; max_quantity passes and one more does
not; the staffing covers the demand exactly, within everyone's hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmocat.models import Person, Request, Service
from pmocat.planning.book import Planner
from pmocat.planning.can_take import Answer, answer
from pmocat.planning.reasons import AcceptedAlready, BookDoesNotFit, OwnerAway, SkillShortfall
from pmocat.render.reasons import reason_json, reason_words
from tests.unit.planning_kit import TODAY, catalogue, day, person, request, service

SKILLS = ("assurance", "reporting")


def ask(people: list[Person], services: list[Service], req: Request,
        book: list[Request] | None = None, horizon: int = 90) -> Answer:
    cat = catalogue(people=people, services=services, requests=book)
    return answer(Planner(cat, TODAY, horizon=horizon, extra=[req]), req)


# a worked example: three assurance people, a book, and a request too big for its window


def health_check() -> Service:
    return service("health-check", [("assurance", 3, 24), ("reporting", 2, 8)],
                   price={"model": "fixed", "amount": 4500}, owner="asha", duration_days=5)


def team() -> list[Person]:
    return [person("asha", {"assurance": 4, "reporting": 3}, 32, cost=52),  # 6.4 a day
            person("ben", {"assurance": 3, "reporting": 2}, 40, cost=41),
            person("tom", {"reporting": 3}, 10, cost=55)]


def test_a_request_that_fits_is_staffed_at_least_cost() -> None:
    answer = ask(team(), [health_check()], request("R1", "health-check", day(30), quantity=2))
    assert answer.verdict == "yes"
    assert answer.demand_hours == 64 and answer.short_hours == 0
    # ben is the cheapest for assurance, and for reporting too
    assert answer.staffing == [("ben", "assurance", 48.0), ("ben", "reporting", 16.0)]
    assert answer.cost == Decimal("2624.00")
    assert answer.price == Decimal("9000.00") and answer.margin == Decimal("6376.00")
    assert answer.max_quantity == 2
    assert answer.earliest_due is not None and answer.earliest_due <= day(30)


def test_a_shortfall_is_blamed_on_the_scarce_skill_with_who_is_free() -> None:
    # Mon 7 to Fri 11 Dec: asha 32 h, ben 40 h, tom 10 h (reporting only);
    # three checks need 72 h of assurance and 24 h of reporting: 96 h for 82 h
    req = request("R1", "health-check", date(2026, 12, 11), start="2026-12-07", quantity=3)
    answer = ask(team(), [health_check()], req)
    assert answer.verdict == "no"
    assert answer.short_hours == pytest.approx(14.0)
    [reason] = answer.reasons
    assert isinstance(reason, SkillShortfall)
    # reporting is the easier skill to staff, so the short hours fall on assurance
    assert (reason.skill, reason.level, reason.start, reason.due) == (
        "assurance", 3, date(2026, 12, 7), date(2026, 12, 11))
    assert reason.short_hours == pytest.approx(14.0)
    assert reason.needed_hours == pytest.approx(72.0)
    assert reason.free == (("asha", pytest.approx(32.0)), ("ben", pytest.approx(40.0)))
    assert reason_json(reason) == {"code": "skill-shortfall", "message": reason_words(reason),
                                   "skill": "assurance", "level": 3, "short_hours": 14.0,
                                   "from": "2026-12-07", "to": "2026-12-11", "needed_hours": 72.0,
                                   "free_hours": [{"person": "asha", "hours": 32.0},
                                                  {"person": "ben", "hours": 40.0}]}
    assert reason_words(reason, TODAY) == ("14 h short of assurance at level 3 or above "
                                           "between 7 and 11 Dec")
    [shortfall] = answer.shortfalls
    assert [pid for pid, _ in shortfall.free] == ["asha", "ben"]
    assert [hours for _, hours in shortfall.free] == pytest.approx([32.0, 40.0])
    assert sum(h for _, skill, h in answer.staffing if skill == "assurance") == pytest.approx(58.0)
    assert sum(h for _, skill, h in answer.staffing if skill == "reporting") == pytest.approx(24.0)
    assert answer.max_quantity == 2
    assert answer.earliest_due == date(2026, 12, 14)  # Monday adds 14.4 h of assurance


def test_the_book_is_served_first_and_never_displaced() -> None:
    accepted = request("B1", "health-check", date(2026, 12, 11), start="2026-12-07", status="accepted")
    req = request("R1", "health-check", date(2026, 12, 11), start="2026-12-07", quantity=2)
    alone = ask(team(), [health_check()], req)
    shared = ask(team(), [health_check()], req, book=[accepted])
    assert alone.verdict == "yes"
    assert shared.verdict == "no"
    assert shared.short_hours == pytest.approx(14.0)


def test_an_accepted_request_is_not_counted_twice() -> None:
    accepted = request("B1", "health-check", date(2026, 12, 11), start="2026-12-07", quantity=2,
                       status="accepted")
    answer = ask(team(), [health_check()], accepted, book=[accepted])
    assert answer.verdict == "yes"
    assert AcceptedAlready("B1") in answer.warnings


def test_a_book_that_does_not_fit_is_a_warning() -> None:
    accepted = request("B1", "health-check", date(2026, 12, 11), start="2026-12-07", quantity=4,
                       status="accepted")
    answer = ask(team(), [health_check()], request("R1", "health-check", day(60)), book=[accepted])
    assert any(isinstance(w, BookDoesNotFit) and w.unserved_hours > 0 for w in answer.warnings)


def test_owner_away_for_the_whole_window_is_a_warning() -> None:
    people = team()
    people[0] = person("asha", {"assurance": 4}, 32, absences=[{"from": "2026-12-07", "to": "2026-12-18"}])
    answer = ask(people, [health_check()],
                 request("R1", "health-check", date(2026, 12, 18), start="2026-12-07"))
    assert OwnerAway("asha", "Asha Tester", "health-check", "Health check") in answer.warnings


def test_monthly_work_has_each_months_hours_in_its_own_month() -> None:
    monthly = service("upkeep", [("reporting", 1, 30)], price={"model": "per_month", "amount": 900})
    # tom has 8 h a day, but only 20 working days in a row before a long absence
    tom = person("tom", {"reporting": 2}, 40, absences=[{"from": "2027-01-01", "to": "2027-01-31"}])
    answer = ask([tom], [monthly], request("R1", "upkeep", None, quantity=3, start="2026-12-01"))
    assert answer.verdict == "no"  # nobody in January
    assert answer.short_hours == pytest.approx(30.0)
    assert answer.max_quantity == 1  # December only: by the end of December
    assert answer.earliest_due is None  # no later due date brings January back


# properties


@dataclass
class Pmo:
    people: list[Person]
    services: list[Service]
    book: list[Request]
    req: Request


@st.composite
def pmos(draw: st.DrawFn) -> Pmo:
    people = []
    for j in range(draw(st.integers(1, 3))):
        skills = {s: draw(st.integers(1, 4)) for s in SKILLS if draw(st.booleans())}
        absences = ([{"from": str(day(draw(st.integers(0, 20)))), "to": str(day(draw(st.integers(20, 30))))}]
                    if draw(st.booleans()) else [])
        people.append(person(f"p{j}", skills, draw(st.sampled_from((10, 20, 37.5))),
                             cost=draw(st.sampled_from((30, 45, 60))), absences=absences))
    services = []
    for n in range(draw(st.integers(1, 2))):
        recipe = [(s, draw(st.integers(1, 3)), float(draw(st.integers(2, 30))))
                  for s in SKILLS if draw(st.booleans())] or [("assurance", 1, 8.0)]
        services.append(service(f"s{n}", recipe, lead_time_days=draw(st.integers(0, 3)),
                                duration_days=draw(st.integers(1, 5))))

    def req(rid: str, status: str) -> Request:
        start = draw(st.integers(0, 30))
        return request(rid, draw(st.sampled_from([s.id for s in services])),
                       day(start + draw(st.integers(0, 30))), start=str(day(start)),
                       quantity=draw(st.integers(1, 4)), status=status)

    book = [req(f"B{n}", "accepted") for n in range(draw(st.integers(0, 3)))]
    return Pmo(people, services, book, req("R1", "new"))


PROPERTIES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def answer_of(p: Pmo, **changes: object) -> Answer:
    return ask(p.people, p.services, p.req.model_copy(update=changes) if changes else p.req, p.book)


@PROPERTIES
@given(pmos(), st.integers(0, 2), st.data())
@pytest.mark.slow
def test_more_capacity_never_turns_yes_into_no(p: Pmo, which: int, data: st.DataObject) -> None:
    before = answer_of(p)
    people = list(p.people)
    if which < len(people) and data.draw(st.booleans()):
        old = people[which]
        people[which] = old.model_copy(update={"hours_per_week": old.hours_per_week + 10})
    else:
        people.append(person("zz-new", {s: 4 for s in SKILLS}, 37.5))
    after = ask(people, p.services, p.req, p.book)
    assert after.short_hours <= before.short_hours + 1e-6
    if before.verdict == "yes":
        assert after.verdict == "yes"


@PROPERTIES
@given(pmos(), st.data())
@pytest.mark.slow
def test_more_accepted_work_never_turns_no_into_yes(p: Pmo, data: st.DataObject) -> None:
    before = answer_of(p)
    start = data.draw(st.integers(0, 40))
    extra = request("B9", data.draw(st.sampled_from([s.id for s in p.services])),
                    day(start + data.draw(st.integers(0, 20))), start=str(day(start)),
                    quantity=data.draw(st.integers(1, 3)), status="accepted")
    after = ask(p.people, p.services, p.req, [*p.book, extra])
    assert after.short_hours >= before.short_hours - 1e-6
    if before.verdict == "no":
        assert after.verdict == "no"


@PROPERTIES
@given(pmos())
@pytest.mark.slow
def test_earliest_due_passes_and_the_day_before_does_not(p: Pmo) -> None:
    answer = answer_of(p)
    if answer.earliest_due is None:
        # nothing within the horizon: not even the last day of it
        last = answer_of(p, due=(p.req.due or TODAY) + timedelta(days=90))
        assert last.verdict == "no" or last.window_due is None
        return
    assert answer_of(p, due=answer.earliest_due).verdict == "yes"
    assert answer_of(p, due=answer.earliest_due - timedelta(days=1)).verdict == "no"
    if answer.verdict == "yes":
        assert p.req.due is not None and answer.earliest_due <= p.req.due


@PROPERTIES
@given(pmos())
@pytest.mark.slow
def test_max_quantity_passes_and_one_more_does_not(p: Pmo) -> None:
    answer = answer_of(p)
    most = answer.max_quantity
    assert 0 <= most <= p.req.quantity
    if most > 0:
        assert answer_of(p, quantity=most).verdict == "yes"
    if most < p.req.quantity:
        assert answer_of(p, quantity=most + 1).verdict == "no"


@PROPERTIES
@given(pmos())
def test_staffing_covers_what_is_served_within_everyones_hours(p: Pmo) -> None:
    answer = answer_of(p)
    staffed = sum(h for _, _, h in answer.staffing)
    assert staffed == pytest.approx(answer.demand_hours - answer.short_hours, abs=0.01 * (1 + len(answer.staffing)))
    if answer.window_start is None or not answer.staffing:
        return
    cat = catalogue(people=p.people, services=p.services, requests=p.book)
    planner = Planner(cat, TODAY, horizon=90, extra=[p.req])
    first = planner.cal.index(answer.window_start)
    assert answer.window_due is not None
    last = planner.cal.index(answer.window_due)
    per_person: dict[str, float] = {}
    for pid, _, hours in answer.staffing:
        per_person[pid] = per_person.get(pid, 0.0) + hours
    for pid, hours in per_person.items():
        assert hours <= float(planner.hours[pid][first : last + 1].sum()) + 0.01
    if answer.verdict == "yes":
        assert staffed == pytest.approx(answer.demand_hours, abs=0.01 * len(answer.staffing))
