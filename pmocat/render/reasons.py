"""Refusals and warnings in words: the data planning returns (planning/reasons.py), said
through words.py, for can-take's panel and JSON and for the plan's table.
"""

from __future__ import annotations

from typing import NoReturn

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
from pmocat.words import day_words, hours, meant, money, plural, words_list


def reason_words(reason: Reason) -> str:
    """The refusal as one clause a PMO lead can read out."""
    match reason:
        case UnknownService(service=service, suggestion=suggestion):
            hint = meant(suggestion)
            return f"there is no service '{service}' in the catalogue" + (f"; {hint}" if hint else "")
        case NotOnMenu():
            return f"'{reason.name}' is {reason.status}, not on the menu"
        case IngredientNotReady():
            return f"{reason.name} is {reason.status}, not ready"
        case DueBeforeStart():
            return (f"due {day_words(reason.due)} is before the earliest start, "
                    f"{day_words(reason.earliest_start)}")
        case WindowTooShort():
            return (f"only {plural(reason.open_days, 'open day')} between "
                    f"{day_words(reason.start, year=False)} and {day_words(reason.due)}; "
                    f"'{reason.name}' needs at least {reason.duration_days}")
        case BeyondHorizon():
            return (f"due {day_words(reason.due)} is past {day_words(reason.horizon_end)}, "
                    "the furthest ahead pmocat plans")
        case SkillShortfall():
            return _shortfall_words(reason)
        case OverBudget():
            return (f"the price, {money(reason.price, reason.currency)}, is over the budget of "
                    f"{money(reason.budget, reason.currency)}")
        case CrowdedOut():
            return "it would fit, but it adds nothing to what is being made the most of"
        case _:
            _unknown(reason)


def _shortfall_words(reason: SkillShortfall) -> str:
    what = f"short {hours(reason.short_hours)} h of {reason.skill} (level {reason.level}+)"
    if reason.start is None or reason.due is None or reason.needed_hours is None:
        by = day_words(reason.due) if reason.due else "the end of its last month"
        return f"{what} by {by}"
    when = f"between {day_words(reason.start, year=False)} and {day_words(reason.due)}"
    needed = f"{hours(reason.needed_hours)} h needed"
    if reason.free is None:
        return f"{what} {when}: {needed}"
    return f"{what} {when}: {needed}; {_free_words(reason.free)}"


def _free_words(free: FreeHours) -> str:
    if not free.people:
        return "nobody qualified has any hours free"
    who = (f"{words_list(free.people, most=4)} {'has' if len(free.people) == 1 else 'have'} "
           f"{hours(free.hours)} h free")
    if free.for_other_skills > 0.005:
        who += f", {hours(free.for_other_skills)} h of it needed for the rest of this request"
    return who


def reason_json(reason: Reason) -> dict[str, object]:
    """The refusal for machines (spec §4): its code, its message, then its fields."""
    found: dict[str, object] = {"code": reason.code, "message": reason_words(reason)}
    match reason:
        case IngredientNotReady():
            found["ingredient"] = reason.ingredient
        case DueBeforeStart():
            found["earliest_start"] = reason.earliest_start.isoformat()
        case WindowTooShort():
            found.update(open_days=reason.open_days, duration_days=reason.duration_days)
        case BeyondHorizon():
            found["horizon_end"] = reason.horizon_end.isoformat()
        case SkillShortfall():
            found.update(skill=reason.skill, level=reason.level,
                         short_hours=round(reason.short_hours, 2))
        case OverBudget():
            found.update(price=f"{reason.price:.2f}", budget=f"{reason.budget:.2f}")
        case UnknownService() | NotOnMenu() | CrowdedOut():
            pass
        case _:
            _unknown(reason)
    return found


def notice_words(notice: Notice) -> str:
    """A warning that comes with an answer, in words."""
    match notice:
        case PilotService():
            return f"'{notice.name}' is a pilot: delivery may change as it is tried out"
        case AcceptedAlready():
            return (f"{notice.request} is accepted already: it is checked against the rest of "
                    "the book, with no lead time")
        case BookDoesNotFit():
            return (f"the accepted book of work does not fit the roster: "
                    f"{hours(notice.unserved_hours)} h of it cannot be served "
                    "(run 'pmocat check' for which requests)")
        case OwnerAway():
            return f"{notice.owner_name}, who owns '{notice.name}', is away for the whole window"
        case _:
            _unknown(notice)


def _unknown(value: NoReturn) -> NoReturn:
    """Never called: mypy proves every kind above is handled (Python 3.10 has no assert_never)."""
    raise AssertionError(f"no words for {value!r}")
