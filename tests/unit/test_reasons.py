"""Refusals and warnings are data below render/, and render/reasons.py says them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pmocat.planning.reasons import (
    AcceptedAlready,
    BeyondHorizon,
    BookDoesNotFit,
    CrowdedOut,
    DueBeforeStart,
    FreeHours,
    IngredientNotReady,
    Notice,
    NotOnMenu,
    OverBudget,
    OwnerAway,
    PilotService,
    Reason,
    SkillShortfall,
    UnknownService,
    WindowTooShort,
)
from pmocat.render.reasons import notice_words, reason_json, reason_words

FEB = date(2027, 2, 1)
DUE = date(2027, 2, 12)


@pytest.mark.parametrize(("reason", "words", "fields"), [
    (UnknownService("helth-check"), "there is no service 'helth-check' in the catalogue", {}),
    (UnknownService("helth-check", "health-check"),
     "there is no service 'helth-check' in the catalogue; did you mean 'health-check'?", {}),
    (NotOnMenu("gateway", "Gateway review", "retired"), "'Gateway review' is retired, not on the menu",
     {}),
    (IngredientNotReady("p3m3", "P3M3 questionnaire", "in-progress"),
     "P3M3 questionnaire is in-progress, not ready", {"ingredient": "p3m3"}),
    (DueBeforeStart(FEB, DUE), "due 1 Feb 2027 is before the earliest start, 12 Feb 2027",
     {"earliest_start": "2027-02-12"}),
    (WindowTooShort("review", "Project health check", FEB, FEB, 1, 10),
     "only 1 open day between 1 Feb and 1 Feb 2027; 'Project health check' needs at least 10",
     {"open_days": 1, "duration_days": 10}),
    (WindowTooShort("review", "Project health check", FEB, DUE, 0, 10),
     "only 0 open days between 1 Feb and 12 Feb 2027; 'Project health check' needs at least 10",
     {"open_days": 0, "duration_days": 10}),
    (BeyondHorizon(date(2037, 1, 30), date(2036, 12, 1)),
     "due 30 Jan 2037 is past 1 Dec 2036, the furthest ahead pmocat plans",
     {"horizon_end": "2036-12-01"}),
    (SkillShortfall("assurance", 3, 21.004, DUE), "short 21 h of assurance (level 3+) by 12 Feb 2027",
     {"skill": "assurance", "level": 3, "short_hours": 21.0}),
    (SkillShortfall("reporting", 2, 0.125, None),
     "short 0.12 h of reporting (level 2+) by the end of its last month",
     {"skill": "reporting", "level": 2, "short_hours": 0.12}),
    (SkillShortfall("assurance", 3, 29, DUE, FEB, 240,
                    FreeHours(("Asha", "Ben", "Helen", "Nadia"), 219, 8)),
     "short 29 h of assurance (level 3+) between 1 Feb and 12 Feb 2027: 240 h needed; "
     "Asha, Ben, Helen and Nadia have 219 h free, 8 h of it needed for the rest of this request",
     {"skill": "assurance", "level": 3, "short_hours": 29}),
    (SkillShortfall("assurance", 3, 29, DUE, FEB, 240,
                    FreeHours(("Asha", "Ben", "Helen", "Nadia", "Omar"), 1219.5, 0)),
     "short 29 h of assurance (level 3+) between 1 Feb and 12 Feb 2027: 240 h needed; "
     "Asha, Ben, Helen and 2 others have 1,219.5 h free",
     {"skill": "assurance", "level": 3, "short_hours": 29}),
    (SkillShortfall("assurance", 3, 29, DUE, FEB, 240, FreeHours(("Asha",), 9, 0)),
     "short 29 h of assurance (level 3+) between 1 Feb and 12 Feb 2027: 240 h needed; "
     "Asha has 9 h free", {"skill": "assurance", "level": 3, "short_hours": 29}),
    (SkillShortfall("assurance", 3, 29, DUE, FEB, 240, FreeHours((), 0, 0)),
     "short 29 h of assurance (level 3+) between 1 Feb and 12 Feb 2027: 240 h needed; "
     "nobody qualified has any hours free", {"skill": "assurance", "level": 3, "short_hours": 29}),
    (OverBudget(Decimal("9000"), Decimal("6000.5"), "GBP"),
     "the price, £9,000, is over the budget of £6,000.50", {"price": "9000.00", "budget": "6000.50"}),
    (CrowdedOut(), "it would fit, but it adds nothing to what is being made the most of", {}),
])
def test_each_reason_in_words_and_json(reason: Reason, words: str, fields: dict[str, object]) -> None:
    assert reason_words(reason) == words
    found = reason_json(reason)
    assert list(found) == ["code", "message", *fields]  # the spec's order: code, message, fields
    assert found == {"code": reason.code, "message": words, **fields}


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
