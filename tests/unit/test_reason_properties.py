"""Every refusal names its cause with the fields spec §4.1 lists, and its way to a yes is
a yes when asked: properties over small catalogues hypothesis builds.

The catalogues vary what causes a no: the notice period, a duration, a season, an
ingredient's dates, a closure and PMO holidays, the budget and the people's hours.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmocat.models import Request
from pmocat.planning.book import Planner
from pmocat.planning.can_take import Answer, answer
from pmocat.render.reasons import reason_json
from tests.unit.planning_kit import TODAY, catalogue, ingredient, person, pmo, request, service

#: spec §4.1: the fields each reason code carries, besides code and message
FIELDS: dict[str, set[str]] = {
    "unknown-service": {"service"},
    "not-on-menu": {"service", "status"},
    "ingredient-not-ready": {"ingredient", "name", "status"},
    "ingredient-unavailable": {"ingredient", "name", "available_from", "available_until",
                               "deliver_by", "ready_from"},
    "out-of-season": {"seasons", "deliver_by", "ready_from"},
    "notice-too-short": {"lead_time_days", "earliest_start"},
    "window-too-short": {"open_days", "duration_days", "closures", "holidays"},
    "due-before-start": {"start", "due"},
    "beyond-horizon": {"horizon_end"},
    "skill-shortfall": {"skill", "level", "short_hours", "from", "to"},
    "over-budget": {"price", "budget", "max_quantity_within_budget", "price_within_budget"},
}
#: the codes a later due date can lift, and so whose way to a yes is the earliest due
DATED = {"ingredient-unavailable", "out-of-season", "notice-too-short", "window-too-short",
         "due-before-start", "skill-shortfall"}
HORIZON = 120
PROPERTIES = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow])


def later(days: int) -> date:
    return TODAY + timedelta(days=days)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Any, Request]:
    """A catalogue of one service and two people, and a request for that service."""
    fields: dict[str, Any] = {}
    if draw(st.booleans()):
        a = draw(st.integers(0, 60))
        fields["closures"] = [{"from": later(a), "to": later(a + draw(st.integers(0, 14))),
                               "name": "Freeze"}]
    if draw(st.booleans()):
        fields["holidays"] = {"extra": [{"date": later(d), "name": f"Day {d}"}
                                        for d in draw(st.sets(st.integers(0, 60), max_size=3))]}
    ingredients = []
    svc_fields: dict[str, Any] = {"lead_time_days": draw(st.integers(0, 6)),
                                  "duration_days": draw(st.integers(1, 8))}
    if draw(st.booleans()):
        since = later(draw(st.integers(-30, 40))) if draw(st.booleans()) else None
        until = later(draw(st.integers(10, 90))) if draw(st.booleans()) or since is None else None
        ingredients.append(ingredient("licence", available_from=since, available_until=until))
        svc_fields["ingredients"] = ["licence"]
    if draw(st.booleans()):
        a = draw(st.integers(0, 50))
        seasons = [{"from": later(a), "to": later(a + draw(st.integers(5, 30)))}]
        if draw(st.booleans()):
            b = a + draw(st.integers(40, 70))
            seasons.append({"from": later(b), "to": later(b + 30)})
        svc_fields["available"] = seasons
    svc = service("review", [("assurance", 3, draw(st.sampled_from([4, 8, 16])))],
                  price={"model": "fixed", "amount": Decimal(1000)}, **svc_fields)
    people = [person("ann", {"assurance": 3}, draw(st.sampled_from([2, 8, 20]))),
              person("bob", {"assurance": draw(st.integers(2, 4))}, 10)]
    cat = catalogue(people=people, services=[svc], ingredients=ingredients,
                    the_pmo=pmo(**fields))
    start = later(draw(st.integers(-5, 40)))
    due = start + timedelta(days=draw(st.integers(-3, 40))) if draw(st.integers(0, 4)) else None
    extra: dict[str, Any] = {"start": start.isoformat(), "quantity": draw(st.integers(1, 6))}
    if draw(st.booleans()):
        extra["budget"] = draw(st.sampled_from([500, 1000, 2500, 4000, 10000]))
    return cat, request("R1", "review", due, **extra)


def ask(cat: Any, req: Request) -> Answer:
    return answer(Planner(cat, TODAY, horizon=HORIZON, extra=[req]), req)


def passes_but_budget(found: Answer) -> bool:
    return all(r.code == "over-budget" for r in found.reasons)


@given(cases())
@PROPERTIES
@pytest.mark.slow
def test_every_reason_carries_its_fields_and_its_way_to_a_yes_is_a_yes(
        case: tuple[Any, Request]) -> None:
    cat, req = case
    found = ask(cat, req)
    assert (found.verdict == "yes") == (not found.reasons)
    for reason in found.reasons:
        data = reason_json(reason, TODAY)
        assert FIELDS[reason.code] <= set(data), reason.code
        assert data["message"]
    assert [r.code for r in found.reasons] == sorted(
        (r.code for r in found.reasons), key=list(FIELDS).index)  # most fundamental first
    if found.when:
        # spec §4.2: the window's due is the earliest found, and yes unless budget says no
        assert found.earliest_due is None or found.window_due == found.earliest_due
        assert (found.earliest_due is not None) == passes_but_budget(found)
    if found.earliest_due is not None:
        again = ask(cat, req.model_copy(update={"due": found.earliest_due}))
        assert passes_but_budget(again), [r.code for r in again.reasons]
    for reason in found.reasons:
        if reason.code == "over-budget":
            data = reason_json(reason, TODAY)
            most = int(str(data["max_quantity_within_budget"]))
            assert req.budget is not None
            svc = cat.services["review"]
            assert most < req.quantity
            assert most == 0 or svc.price_of(most, 7.5) <= req.budget
            assert svc.price_of(most + 1, 7.5) > req.budget
            if most:
                cheaper = ask(cat, req.model_copy(update={"quantity": most}))
                assert "over-budget" not in [r.code for r in cheaper.reasons]
        if reason.code in DATED and found.earliest_due is None and not found.when:
            # no due date within the horizon lifts it: none is offered, none passes
            end = min(later(HORIZON) + (req.due - TODAY if req.due else timedelta()),
                      Planner(cat, TODAY, horizon=HORIZON, extra=[req]).cal.end)
            assert not passes_but_budget(ask(cat, req.model_copy(update={"due": end})))


def test_a_notice_too_short_offers_the_earliest_start_and_a_due_date_that_passes() -> None:
    svc = service("review", [("assurance", 3, 8)], lead_time_days=5, duration_days=2)
    cat = catalogue(people=[person("ann", {"assurance": 3})], services=[svc])
    req = request("R1", "review", later(7), start=TODAY.isoformat())
    found = ask(cat, req)
    assert [r.code for r in found.reasons] == ["notice-too-short"]
    assert reason_json(found.reasons[0], TODAY)["earliest_start"] == "2026-12-08"
    assert found.earliest_due == later(8)
    assert ask(cat, req.model_copy(update={"due": later(8)})).verdict == "yes"
