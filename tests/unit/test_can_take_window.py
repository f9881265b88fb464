"""A request's window (spec §4.1) and the refusals that need no arithmetic (§4.2)."""

from __future__ import annotations

from datetime import date

import pytest

from pmocat.models import Ingredient, Person, Request, Service
from pmocat.planning.book import Planner
from pmocat.planning.can_take import Answer, answer
from pmocat.planning.reasons import (
    BeyondHorizon,
    Closure,
    Holiday,
    IngredientNotReady,
    IngredientUnavailable,
    NoticeTooShort,
    PilotService,
    UnknownService,
    WindowTooShort,
)
from pmocat.planning.window import earliest_start
from tests.unit.planning_kit import TODAY, catalogue, ingredient, person, pmo, request, service

# TODAY, 2026-12-01, is a Tuesday; the test PMO opens Monday to Friday, 8 hours


def answer_for(req: Request, svc: Service, people: list[Person] | None = None,
               ingredients: list[Ingredient] | None = None) -> Answer:
    cat = catalogue(people=people or [person("asha", {"assurance": 4})], services=[svc],
                    ingredients=ingredients)
    return answer(Planner(cat, TODAY, horizon=60, extra=[req]), req)


def codes(answer: Answer) -> list[str]:
    return [r.code for r in answer.reasons]


def test_lead_time_counts_open_days_after_today() -> None:
    svc = service("review", [("assurance", 3, 8)], lead_time_days=5)
    cat = catalogue(people=[], services=[svc])
    cal = Planner(cat, TODAY).cal
    ask = request("R1", "review", date(2027, 1, 29))
    # Wed 2, Thu 3, Fri 4, Mon 7, Tue 8
    assert earliest_start(ask, svc, cal, TODAY, accepted=False) == date(2026, 12, 8)
    later = request("R1", "review", date(2027, 1, 29), start="2026-12-14")
    assert earliest_start(later, svc, cal, TODAY, accepted=False) == date(2026, 12, 14)
    # accepted work has no lead time, and never starts before today
    early = request("R1", "review", date(2027, 1, 29), start="2026-11-02", status="accepted")
    assert earliest_start(early, svc, cal, TODAY, accepted=True) == TODAY


def test_window_runs_from_earliest_start_to_due() -> None:
    svc = service("review", [("assurance", 3, 8)], lead_time_days=5)
    answer = answer_for(request("R1", "review", date(2026, 12, 18)), svc)
    assert answer.verdict == "yes"
    assert (answer.window_start, answer.window_due, answer.open_days) == (
        date(2026, 12, 8), date(2026, 12, 18), 9)


def test_seasons_and_ingredients_narrow_the_window() -> None:
    svc = service("review", [("assurance", 3, 8)], ingredients=["tool"],
                  available=[{"from": "2026-12-03", "to": "2026-12-31"}])
    tool = ingredient("tool", available_until="2026-12-09")
    answer = answer_for(request("R1", "review", date(2026, 12, 18)), svc, ingredients=[tool])
    # Thu 3, Fri 4, Mon 7, Tue 8, Wed 9
    assert answer.open_days == 5
    assert answer.verdict == "yes"


def test_monthly_service_has_one_window_a_month() -> None:
    svc = service("secretariat", [("governance", 2, 10)],
                  price={"model": "per_month", "amount": 1500})
    answer = answer_for(request("R1", "secretariat", None, quantity=3, start="2027-02-10"), svc,
                        people=[person("grace", {"governance": 3})])
    assert answer.window_due == date(2027, 4, 30)  # the end of the third month
    assert answer.demand_hours == 30
    assert answer.verdict == "yes"
    assert str(answer.price) == "4500.00"


@pytest.mark.parametrize(("status", "code"), [("planned", "not-on-menu"), ("retired", "not-on-menu")])
def test_a_service_off_the_menu_is_refused(status: str, code: str) -> None:
    svc = service("review", [("assurance", 3, 8)], status=status)
    answer = answer_for(request("R1", "review", date(2027, 1, 29)), svc)
    assert codes(answer) == [code]
    assert answer.earliest_due is None
    assert answer.max_quantity == 0


def test_a_pilot_is_allowed_with_a_warning() -> None:
    svc = service("review", [("assurance", 3, 8)], status="pilot")
    answer = answer_for(request("R1", "review", date(2027, 1, 29)), svc)
    assert answer.verdict == "yes"
    assert answer.warnings == [PilotService("review", svc.name)]


def test_unknown_service_suggests_a_near_name() -> None:
    svc = service("review", [("assurance", 3, 8)])
    answer = answer_for(request("R1", "reveiw", date(2027, 1, 29)), svc)
    assert codes(answer) == ["unknown-service"]
    assert answer.reasons == [UnknownService("reveiw", suggestion="review")]
    assert answer.price is None and answer.window_start is None


def test_an_ingredient_not_ready_is_refused() -> None:
    svc = service("review", [("assurance", 3, 8)], ingredients=["tool"])
    answer = answer_for(request("R1", "review", date(2027, 1, 29)), svc,
                        ingredients=[ingredient("tool", status="in-progress")])
    assert codes(answer) == ["ingredient-not-ready"]
    [reason] = answer.reasons
    assert isinstance(reason, IngredientNotReady) and reason.ingredient == "tool"


def test_too_few_open_days_is_refused_and_a_later_due_date_offered() -> None:
    svc = service("review", [("assurance", 3, 8)], duration_days=10)
    answer = answer_for(request("R1", "review", date(2026, 12, 11)), svc)
    assert codes(answer) == ["window-too-short"]
    # 1 Dec to 14 Dec holds ten open days
    assert answer.earliest_due == date(2026, 12, 14)
    assert answer.max_quantity == 0


@pytest.mark.parametrize(("start", "due", "model", "quantity"), [
    # the example: every day of the window is past the calendar's last day
    ("2037-01-05", date(2037, 1, 30), "fixed", 1),
    # the window starts inside the calendar and ends past it
    ("2036-10-01", date(2037, 3, 31), "fixed", 1),
    # a per-month request whose last months run past it
    ("2036-06-01", None, "per_month", 12),
])
def test_a_window_past_the_planning_horizon_says_so(start: str, due: date | None, model: str,
                                                    quantity: int) -> None:
    # it used to read "only 0 open days between 5 Jan and 30 Jan 2037": the calendar stops
    # ten years from today, and the days after it are unknown, not closed
    svc = service("review", [("assurance", 3, 8)], duration_days=10,
                  price={"model": model, "amount": 100})
    ask = request("R1", "review", due, start=start, quantity=quantity)
    cat = catalogue(people=[person("asha", {"assurance": 4})], services=[svc])
    planner = Planner(cat, TODAY, extra=[ask])
    got = answer(planner, ask)
    assert planner.cal.end == date(2036, 12, 1)  # today + MAX_DAYS
    assert got.verdict == "no"
    assert codes(got) == ["beyond-horizon"]
    [reason] = got.reasons
    assert isinstance(reason, BeyondHorizon) and reason.horizon_end == planner.cal.end
    assert reason.due == got.window_due
    assert got.earliest_due is None


def test_a_window_that_ends_on_the_horizon_is_weighed_as_usual() -> None:
    svc = service("review", [("assurance", 3, 8)], duration_days=10)
    ask = request("R1", "review", date(2036, 12, 1), start="2036-11-20")
    cat = catalogue(people=[person("asha", {"assurance": 4})], services=[svc])
    planner = Planner(cat, TODAY, extra=[ask])
    # 20 Nov to 1 Dec 2036 holds eight open days: a window too short, and truly so
    assert codes(answer(planner, ask)) == ["window-too-short"]
    ask = request("R1", "review", date(2036, 12, 1), start="2036-11-01")
    assert answer(planner, ask).verdict == "yes"


def test_a_due_date_before_the_notice_period_ends_names_the_notice() -> None:
    svc = service("review", [("assurance", 3, 8)], lead_time_days=10)
    answer = answer_for(request("R1", "review", date(2026, 12, 10)), svc)
    assert codes(answer) == ["notice-too-short"]
    assert answer.reasons[0] == NoticeTooShort("review", "Review", 10, date(2026, 12, 15))
    assert answer.open_days == 0
    assert answer.short_hours == answer.demand_hours == 8
    assert answer.earliest_due == date(2026, 12, 15)  # the 10th open day after today


def test_over_budget_is_refused_but_does_not_change_what_would_make_it_yes() -> None:
    svc = service("review", [("assurance", 3, 8)], price={"model": "hourly", "amount": 100})
    answer = answer_for(request("R1", "review", date(2027, 1, 29), quantity=2, budget=1500), svc)
    assert codes(answer) == ["over-budget"]
    assert str(answer.price) == "1600.00"
    assert answer.earliest_due is not None and answer.earliest_due <= date(2027, 1, 29)
    assert answer.max_quantity == 2


def test_a_limit_is_blamed_only_when_lifting_it_would_help() -> None:
    # the notice period takes 1-7 Dec, but the questionnaire is not ready until March
    # anyway: only the ingredient is to blame
    svc = service("review", [("assurance", 3, 8)], lead_time_days=5, ingredients=["p3m3"])
    late = ingredient("p3m3", available_from=date(2027, 3, 1))
    answer = answer_for(request("R1", "review", date(2027, 1, 29)), svc, ingredients=[late])
    assert codes(answer) == ["ingredient-unavailable"]
    assert answer.reasons[0] == IngredientUnavailable(
        "p3m3", "p3m3", date(2027, 3, 1), None, None, date(2027, 3, 1))


def test_the_notice_period_is_blamed_when_it_takes_the_days_needed() -> None:
    svc = service("review", [("assurance", 3, 8)], lead_time_days=5, duration_days=8)
    answer = answer_for(request("R1", "review", date(2026, 12, 14)), svc)
    assert codes(answer) == ["notice-too-short"]  # 1-14 Dec has 10 open days; 8-14 Dec 5


def test_a_window_too_short_names_the_closures_and_holidays_that_shut_its_days() -> None:
    the_pmo = pmo(closures=[{"from": date(2026, 12, 21), "to": date(2027, 1, 4), "name": "Freeze"}],
                  holidays={"extra": [{"date": date(2026, 12, 25), "name": "Christmas Day"},
                                      {"date": date(2027, 1, 6), "name": "Epiphany"},
                                      {"date": date(2027, 1, 9), "name": "A Saturday"}]})
    svc = service("review", [("assurance", 3, 8)], duration_days=10)
    cat = catalogue(people=[person("asha", {"assurance": 4})], services=[svc], the_pmo=the_pmo)
    req = request("R1", "review", date(2027, 1, 12), start="2026-12-21")
    found = answer(Planner(cat, TODAY, horizon=60, extra=[req]), req)
    [reason] = found.reasons
    assert isinstance(reason, WindowTooShort)
    assert reason.open_days == 5  # 5, 7, 8, 11 and 12 Jan
    assert reason.closures == (Closure("Freeze", date(2026, 12, 21), date(2027, 1, 4)),)
    # Christmas Day falls in the freeze and 9 Jan on a Saturday: neither shuts an open day
    assert reason.holidays == (Holiday(date(2027, 1, 6), "Epiphany"),)
