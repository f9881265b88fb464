"""Refusals and warnings in words: the data planning returns (planning/reasons.py), said
through words.py, for can-take's panel and JSON and for the plan's table.

A reason's words name its cause in the requester's terms and, where the reason carries
one, its way to a yes. `today` decides which dates need their year: a date in today's
year is written without it, unless its span crosses a year (spec §4.1).
"""

from __future__ import annotations

from datetime import date
from typing import NoReturn

from pmocat.planning.reasons import (
    AcceptedAlready,
    BeyondHorizon,
    BookDoesNotFit,
    CrowdedOut,
    DueBeforeStart,
    IndivisibleShortfall,
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
    SkillShortfall,
    UnknownService,
    WindowTooShort,
)
from pmocat.words import (
    between_words,
    count_words,
    date_words,
    hours,
    meant,
    money,
    notice_period,
    plural,
    span_words,
    words_list,
)


def reason_words(reason: Reason, today: date | None = None, *, way: bool = True) -> str:
    """The refusal as one clause a PMO lead can read out (no capital, no full stop).

    `way=False` leaves out the way to a yes a dated limit offers (a licence's, a
    season's), for when another cause said beside it offers the same one."""
    match reason:
        case UnknownService(service=service, suggestion=suggestion):
            hint = meant(suggestion)
            return f"there is no service '{service}' in the catalogue" + (f"; {hint}" if hint else "")
        case NotOnMenu():
            return f"'{reason.name}' is {reason.status}, not on the menu"
        case IngredientNotReady():
            return f"{reason.name} is {reason.status}, not ready"
        case IngredientUnavailable():
            return _available_words(reason.name, reason.available_from, reason.available_until,
                                    reason.deliver_by if way else None,
                                    reason.ready_from if way else None, today)
        case OutOfSeason():
            seasons = words_list([span_words(s.from_, s.to, today) for s in reason.seasons])
            return (f"'{reason.name}' runs only {seasons}"
                    + (_way(reason.deliver_by, reason.ready_from, today) if way else ""))
        case NoticeTooShort():
            return (f"'{reason.name}' needs {notice_period(reason.lead_time_days)}, so the "
                    f"earliest it can start is {date_words(reason.earliest_start, today)}")
        case DueBeforeStart():
            return (f"it is due {date_words(reason.due, today)}, before it can start on "
                    f"{date_words(reason.start, today)}")
        case WindowTooShort():
            return _window_words(reason, today)
        case BeyondHorizon():
            return (f"it is due {date_words(reason.due, today)}, past "
                    f"{date_words(reason.horizon_end, today)}, the furthest ahead pmocat plans")
        case SkillShortfall():
            return shortfall_words([reason], today)
        case IndivisibleShortfall():
            return _indivisible_words(reason, today)
        case OverBudget():
            return _budget_words(reason)
        case CrowdedOut():
            return "it would fit, but it adds nothing to what is being made the most of"
        case _:
            _unknown(reason)


def dated_way(reason: Reason) -> tuple[date | None, date | None] | None:
    """The way to a yes a dated limit offers, (deliver by, start from); None for others."""
    if isinstance(reason, (IngredientUnavailable, OutOfSeason)):
        return reason.deliver_by, reason.ready_from
    return None


def _available_words(name: str, since: date | None, until: date | None, deliver_by: date | None,
                     ready_from: date | None, today: date | None) -> str:
    if since is not None and (today is None or since > today):
        when = (f"only from {date_words(since, today)} to {date_words(until, today)}"
                if until is not None else f"only from {date_words(since, today)}")
    else:
        assert until is not None, "an unavailable ingredient has dates"
        when = f"only until {date_words(until, today)}"
    return f"{name} is available {when}" + _way(deliver_by, ready_from, today)


def _way(deliver_by: date | None, ready_from: date | None, today: date | None) -> str:
    """The way to a yes a dated limit offers: the last day to deliver by, or the first to
    start from."""
    ways = []
    if deliver_by is not None:
        ways.append(f"it could be delivered by {date_words(deliver_by, today)} at the latest")
    if ready_from is not None:
        ways.append(f"it could start on {date_words(ready_from, today)}")
    return f"; {', or '.join(ways)}" if ways else ""


def _window_words(reason: WindowTooShort, today: date | None) -> str:
    days = ("no open days" if reason.open_days == 0
            else f"only {plural(reason.open_days, 'open day')}")
    # inside a window of one year, its days go without the year the window's end gives
    near = reason.due if reason.start.year == reason.due.year else today
    closed = [f"{span_words(c.from_, c.to, near)} for {c.name}" for c in reason.closures]
    closed += [f"{date_words(h.day, near)} for {h.name}" for h in reason.holidays]
    why = f" (closed {words_list(closed)})" if closed else ""
    return (f"{days} {between_words(reason.start, reason.due, today)}{why}; "
            f"'{reason.name}' needs {reason.duration_days}")


def shortfall_words(reasons: list[SkillShortfall], today: date | None = None) -> str:
    """'29 h short of assurance at level 3 or above between 15 and 26 Feb 2027'; several
    skills short over one window are said in one clause."""
    each = [f"{hours(r.short_hours)} h short of {r.skill} at level {r.level} or above"
            for r in reasons]
    last = reasons[-1]
    if last.start is not None and last.due is not None:
        when = between_words(last.start, last.due, today)
    else:
        when = f"by {date_words(last.due, today)}" if last.due else "by the end of its last month"
    return f"{words_list(each)} {when}"


def _indivisible_words(reason: IndivisibleShortfall, today: date | None) -> str:
    """'no one person with assurance at level 3 or above has 30 h free between 1 and 5 Feb
    2027 (the most anyone has is 20 h); more could share it, but the service says one
    person does it'."""
    n = reason.max_people
    who = f"{reason.skill} at level {reason.level} or above"
    if reason.start is not None and reason.due is not None:
        when = f" {between_words(reason.start, reason.due, today)}"
    else:
        when = f" by {date_words(reason.due, today)}" if reason.due is not None else ""
    needed, best = hours(reason.needed_hours), hours(reason.best_hours)
    if n == 1:
        return (f"no one person with {who} has {needed} h free{when} (the most anyone has is "
                f"{best} h); more people could share it, but the service says one person does it")
    many = count_words(n)
    return (f"no {many} people with {who} have {needed} h free{when} between them (the most "
            f"any {many} have is {best} h); more people could share it, but the service says "
            f"at most {many} people do it")


def _budget_words(reason: OverBudget) -> str:
    said = (f"the price, {money(reason.price, reason.currency)}, is over the budget of "
            f"{money(reason.budget, reason.currency)}")
    if reason.max_quantity_within_budget and reason.price_within_budget is not None:
        return (f"{said}; {reason.max_quantity_within_budget} of the {reason.quantity} would fit "
                f"it, at {money(reason.price_within_budget, reason.currency)}")
    return f"{said}; not even 1 would fit it" if reason.quantity > 1 else said


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def reason_json(reason: Reason, today: date | None = None) -> dict[str, object]:
    """The refusal for machines (spec §4.1): its code, its message, then its fields."""
    found: dict[str, object] = {"code": reason.code, "message": reason_words(reason, today)}
    match reason:
        case UnknownService():
            found["service"] = reason.service
        case NotOnMenu():
            found.update(service=reason.service, status=reason.status)
        case IngredientNotReady():
            found.update(ingredient=reason.ingredient, name=reason.name, status=reason.status)
        case IngredientUnavailable():
            found.update(ingredient=reason.ingredient, name=reason.name,
                         available_from=_day(reason.available_from),
                         available_until=_day(reason.available_until),
                         deliver_by=_day(reason.deliver_by), ready_from=_day(reason.ready_from))
        case OutOfSeason():
            found.update(seasons=[{"from": s.from_.isoformat(), "to": s.to.isoformat()}
                                  for s in reason.seasons],
                         deliver_by=_day(reason.deliver_by), ready_from=_day(reason.ready_from))
        case NoticeTooShort():
            found.update(lead_time_days=reason.lead_time_days,
                         earliest_start=reason.earliest_start.isoformat())
        case DueBeforeStart():
            found.update(start=reason.start.isoformat(), due=reason.due.isoformat())
        case WindowTooShort():
            found.update(open_days=reason.open_days, duration_days=reason.duration_days,
                         closures=[{"name": c.name, "from": c.from_.isoformat(),
                                    "to": c.to.isoformat()} for c in reason.closures],
                         holidays=[{"date": h.day.isoformat(), "name": h.name}
                                   for h in reason.holidays])
        case BeyondHorizon():
            found["horizon_end"] = reason.horizon_end.isoformat()
        case SkillShortfall():
            found.update({"skill": reason.skill, "level": reason.level,
                          "short_hours": round(reason.short_hours, 2),
                          "from": _day(reason.start), "to": _day(reason.due)})
            if reason.needed_hours is not None:
                found["needed_hours"] = round(reason.needed_hours, 2)
            if reason.free is not None:
                found["free_hours"] = [{"person": pid, "hours": round(h, 2)}
                                       for pid, h in reason.free]
        case IndivisibleShortfall():
            found.update({"skill": reason.skill, "level": reason.level,
                          "max_people": reason.max_people,
                          "needed_hours": round(reason.needed_hours, 2),
                          "best_hours": round(reason.best_hours, 2),
                          "from": _day(reason.start), "to": _day(reason.due)})
        case OverBudget():
            within = reason.price_within_budget
            found.update(price=f"{reason.price:.2f}", budget=f"{reason.budget:.2f}",
                         max_quantity_within_budget=reason.max_quantity_within_budget,
                         price_within_budget=f"{within:.2f}" if within is not None else None)
        case CrowdedOut():
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
