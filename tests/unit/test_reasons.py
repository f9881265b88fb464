"""Refusals and warnings are data below render/, and render/reasons.py says them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pmocat.planning.reasons import (
    AcceptedAlready,
    BeyondHorizon,
    BookDoesNotFit,
    Closure,
    CrowdedOut,
    DueBeforeStart,
    Holiday,
    IngredientNotReady,
    IngredientUnavailable,
    Notice,
    NoticeTooShort,
    NotOnMenu,
    OutOfSeason,
    OverBudget,
    OwnerAway,
    PilotService,
    Reason,
    Season,
    SkillShortfall,
    UnknownService,
    WindowTooShort,
    in_order,
)
from pmocat.render.reasons import notice_words, reason_json, reason_words

FEB = date(2027, 2, 1)
DUE = date(2027, 2, 12)
TODAY = date(2026, 12, 1)
FREEZE = Closure("Year-end freeze", date(2026, 12, 21), date(2027, 1, 4))


@pytest.mark.parametrize(("reason", "words", "fields"), [
    (UnknownService("helth-check"), "there is no service 'helth-check' in the catalogue",
     {"service": "helth-check"}),
    (UnknownService("helth-check", "health-check"),
     "there is no service 'helth-check' in the catalogue; did you mean 'health-check'?",
     {"service": "helth-check"}),
    (NotOnMenu("gateway", "Gateway review", "retired"), "'Gateway review' is retired, not on the menu",
     {"service": "gateway", "status": "retired"}),
    (IngredientNotReady("p3m3", "P3M3 questionnaire", "in-progress"),
     "P3M3 questionnaire is in-progress, not ready",
     {"ingredient": "p3m3", "name": "P3M3 questionnaire", "status": "in-progress"}),
    (IngredientUnavailable("ppm", "PPM licence", date(2026, 1, 1), date(2027, 6, 30),
                           date(2027, 6, 30), None),
     "PPM licence is available only until 30 Jun 2027; it could be delivered by 30 Jun 2027 "
     "at the latest",
     {"ingredient": "ppm", "name": "PPM licence", "available_from": "2026-01-01",
      "available_until": "2027-06-30", "deliver_by": "2027-06-30", "ready_from": None}),
    (IngredientUnavailable("p3m3", "P3M3 questionnaire", date(2027, 9, 1), None, None,
                           date(2027, 9, 1)),
     "P3M3 questionnaire is available only from 1 Sep 2027; it could start on 1 Sep 2027",
     {"ingredient": "p3m3", "name": "P3M3 questionnaire", "available_from": "2027-09-01",
      "available_until": None, "deliver_by": None, "ready_from": "2027-09-01"}),
    (OutOfSeason("course", "PM course", (Season(date(2027, 1, 11), date(2027, 6, 30)),
                                         Season(date(2027, 9, 6), date(2027, 12, 10))),
                 date(2027, 6, 30), date(2027, 9, 6)),
     "'PM course' runs only 11 Jan – 30 Jun 2027 and 6 Sep – 10 Dec 2027; it could be "
     "delivered by 30 Jun 2027 at the latest, or it could start on 6 Sep 2027",
     {"seasons": [{"from": "2027-01-11", "to": "2027-06-30"},
                  {"from": "2027-09-06", "to": "2027-12-10"}],
      "deliver_by": "2027-06-30", "ready_from": "2027-09-06"}),
    (NoticeTooShort("review", "Project health check", 5, date(2026, 12, 8)),
     "'Project health check' needs 5 open days' notice, so the earliest it can start is 8 Dec",
     {"lead_time_days": 5, "earliest_start": "2026-12-08"}),
    (NoticeTooShort("review", "Project health check", 1, FEB),
     "'Project health check' needs 1 open day's notice, so the earliest it can start is 1 Feb 2027",
     {"lead_time_days": 1, "earliest_start": "2027-02-01"}),
    (DueBeforeStart(DUE, FEB), "it is due 1 Feb 2027, before it can start on 12 Feb 2027",
     {"start": "2027-02-12", "due": "2027-02-01"}),
    (WindowTooShort("review", "Project health check", FEB, FEB, 1, 10),
     "only 1 open day on 1 Feb 2027; 'Project health check' needs 10",
     {"open_days": 1, "duration_days": 10, "closures": [], "holidays": []}),
    (WindowTooShort("review", "Project health check", date(2026, 12, 21), date(2027, 1, 4), 0, 10,
                    (FREEZE,)),
     "no open days between 21 Dec 2026 and 4 Jan 2027 (closed 21 Dec 2026 – 4 Jan 2027 for "
     "Year-end freeze); 'Project health check' needs 10",
     {"open_days": 0, "duration_days": 10,
      "closures": [{"name": "Year-end freeze", "from": "2026-12-21", "to": "2027-01-04"}],
      "holidays": []}),
    (WindowTooShort("review", "Project health check", date(2027, 3, 8), date(2027, 3, 19), 9, 10,
                    (), (Holiday(date(2027, 3, 17), "St Patrick's Day"),)),
     "only 9 open days between 8 and 19 Mar 2027 (closed 17 Mar for St Patrick's Day); "
     "'Project health check' needs 10",
     {"open_days": 9, "duration_days": 10, "closures": [],
      "holidays": [{"date": "2027-03-17", "name": "St Patrick's Day"}]}),
    (BeyondHorizon(date(2037, 1, 30), date(2036, 12, 1)),
     "it is due 30 Jan 2037, past 1 Dec 2036, the furthest ahead pmocat plans",
     {"horizon_end": "2036-12-01"}),
    (SkillShortfall("assurance", 3, 21.004, DUE),
     "21 h short of assurance at level 3 or above by 12 Feb 2027",
     {"skill": "assurance", "level": 3, "short_hours": 21.0, "from": None, "to": "2027-02-12"}),
    (SkillShortfall("reporting", 2, 0.125, None),
     "0.12 h short of reporting at level 2 or above by the end of its last month",
     {"skill": "reporting", "level": 2, "short_hours": 0.12, "from": None, "to": None}),
    (SkillShortfall("assurance", 3, 29, DUE, FEB, 240, (("asha", 48.0), ("ben", 72.004))),
     "29 h short of assurance at level 3 or above between 1 and 12 Feb 2027",
     {"skill": "assurance", "level": 3, "short_hours": 29, "from": "2027-02-01",
      "to": "2027-02-12", "needed_hours": 240,
      "free_hours": [{"person": "asha", "hours": 48.0}, {"person": "ben", "hours": 72.0}]}),
    (OverBudget(Decimal("9000"), Decimal("6000.5"), "GBP", 1, Decimal("4500"), 2),
     "the price, £9,000, is over the budget of £6,000.50; 1 of the 2 would fit it, at £4,500",
     {"price": "9000.00", "budget": "6000.50", "max_quantity_within_budget": 1,
      "price_within_budget": "4500.00"}),
    (OverBudget(Decimal("9000"), Decimal("100"), "GBP", 0, None, 2),
     "the price, £9,000, is over the budget of £100; not even 1 would fit it",
     {"price": "9000.00", "budget": "100.00", "max_quantity_within_budget": 0,
      "price_within_budget": None}),
    (CrowdedOut(), "it would fit, but it adds nothing to what is being made the most of", {}),
])
def test_each_reason_in_words_and_json(reason: Reason, words: str, fields: dict[str, object]) -> None:
    assert reason_words(reason, TODAY) == words
    found = reason_json(reason, TODAY)
    assert list(found) == ["code", "message", *fields]  # the spec's order: code, message, fields
    assert found == {"code": reason.code, "message": words, **fields}


def test_without_a_today_every_date_has_its_year() -> None:
    reason = NoticeTooShort("review", "Project health check", 5, date(2026, 12, 8))
    assert reason_words(reason).endswith("start is 8 Dec 2026")


def test_several_causes_are_listed_most_fundamental_first() -> None:
    budget = OverBudget(Decimal(2), Decimal(1), "GBP")
    short = SkillShortfall("assurance", 3, 1.0, DUE)
    window = WindowTooShort("review", "Review", FEB, DUE, 1, 10)
    notice = NoticeTooShort("review", "Review", 5, FEB)
    ingredient = IngredientNotReady("t", "Template", "retired")
    ordered = in_order([budget, short, window, notice, ingredient])
    assert [r.code for r in ordered] == ["ingredient-not-ready", "notice-too-short",
                                         "window-too-short", "skill-shortfall", "over-budget"]


@pytest.mark.parametrize(("notice", "words"), [
    (PilotService("review", "Project health check"),
     "'Project health check' is a pilot: delivery may change as it is tried out"),
    (AcceptedAlready("REQ-001"),
     "REQ-001 is accepted already: it is checked against the rest of the book, with no lead time"),
    (BookDoesNotFit(12.3456),
     "the accepted book of work does not fit the roster: 12.35 h of it cannot be served "
     "(run 'pmocat check' for which requests)"),
    (OwnerAway("ann", "Ann Lee", "review", "Project health check"),
     "Ann Lee, who owns 'Project health check', is away for the whole window"),
])
def test_each_notice_in_words(notice: Notice, words: str) -> None:
    assert notice_words(notice) == words
