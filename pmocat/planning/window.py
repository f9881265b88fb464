"""When a request can be worked, and the refusals that need no arithmetic (spec §4.1–4.2).

A window is a list of inclusive day-index intervals on a Calendar: the days from the
earliest start to the due date on which the service is in season and every ingredient is
available. Closed days may lie inside an interval; they simply have no hours.
"""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pmocat.models import ON_MENU
from pmocat.planning.availability import Calendar
from pmocat.planning.reasons import (
    BeyondHorizon,
    Closure,
    DueBeforeStart,
    Holiday,
    IngredientNotReady,
    IngredientUnavailable,
    Notice,
    NoticeTooShort,
    NotOnMenu,
    OutOfSeason,
    OverBudget,
    PilotService,
    Reason,
    Season,
    UnknownService,
    WindowTooShort,
    in_order,
)
from pmocat.planning.searches import most_passing

if TYPE_CHECKING:
    from pmocat.models import Ingredient, Request, Service

Interval = tuple[int, int]


@dataclass(frozen=True)
class Window:
    """One stretch of work: a month for a per_month service, else the whole request."""

    start: date
    due: date
    intervals: tuple[Interval, ...]
    open_days: int
    #: units of the recipe this window carries (quantity, or 1 month)
    units: int
    #: the last day of the calendar it was cut from: beyond it, hours are unknown
    horizon_end: date


def _intersect(a: list[Interval], b: list[Interval]) -> list[Interval]:
    out = []
    for x0, x1 in a:
        for y0, y1 in b:
            lo, hi = max(x0, y0), min(x1, y1)
            if lo <= hi:
                out.append((lo, hi))
    return out


def _limits(service: Service, ingredients: list[Ingredient], cal: Calendar) -> list[Interval]:
    """Day intervals when the service is in season and all its ingredients are available."""
    allowed = [(0, cal.length - 1)]
    if service.available is not None:
        allowed = _intersect(allowed, [(cal.index(s.from_), cal.index(s.to)) for s in service.available])
    for ingredient in ingredients:
        lo = cal.index(ingredient.available_from) if ingredient.available_from else 0
        hi = cal.index(ingredient.available_until) if ingredient.available_until else cal.length - 1
        allowed = _intersect(allowed, [(lo, hi)])
    return sorted(allowed)


def _window(cal: Calendar, first: int, last: int, limits: list[Interval], units: int) -> Window:
    intervals = tuple(_intersect([(first, last)], limits))
    open_days = sum(cal.open_days(a, b) for a, b in intervals)
    return Window(cal.day(first), cal.day(last), intervals, open_days, units, cal.end)


def month_end(day: date) -> date:
    return day.replace(day=month_calendar.monthrange(day.year, day.month)[1])


def next_month(month: date) -> date:
    """The first of the next month (the calendar's last month stays put: nothing is after it)."""
    return month if (month.year, month.month) == (date.max.year, 12) else month_end(month) + timedelta(days=1)


def later(day: date, days: int) -> date:
    """`days` after `day`, or the last date there is."""
    return day + timedelta(days=days) if (date.max - day).days > days else date.max


def due_of(request: Request, service: Service, earliest: date) -> date:
    """The due date, defaulting for a per_month request to the end of its last month."""
    if request.due is not None:
        return request.due
    month = date(earliest.year, earliest.month, 1)
    for _ in range(max(request.quantity - 1, 0)):
        month = next_month(month)
    return month_end(month)


def earliest_start(request: Request, service: Service, cal: Calendar, today: date, *,
                   accepted: bool) -> date:
    """max(start, the lead_time_days-th open day after today); no lead time once accepted."""
    start = request.start or today
    if accepted:
        return max(start, today)
    ready = cal.day(cal.nth_open_day_after(cal.index(today), service.lead_time_days))
    return max(start, ready)


def windows_for(request: Request, service: Service, ingredients: list[Ingredient],
                cal: Calendar, first: date, due: date) -> list[Window]:
    """The request's windows: one, or one per calendar month for a per_month service."""
    limits = _limits(service, ingredients, cal)
    if service.price.model != "per_month":
        return [_window(cal, cal.index(first), cal.index(due), limits, request.quantity)]
    found = []
    month = date(first.year, first.month, 1)
    for _ in range(request.quantity):
        lo, hi = max(month, first), min(month_end(month), due)
        found.append(_window(cal, cal.index(lo), cal.index(hi), limits, 1))
        month = next_month(month)
    return found


def refusals(request: Request, service: Service | None, ingredients: list[Ingredient],
             windows: list[Window], first: date, due: date, *, cal: Calendar, today: date,
             accepted: bool = False) -> tuple[list[Reason], list[Notice]]:
    """The refusals that need no arithmetic (spec §4, step 2), each naming its cause
    (§4.1), most fundamental first; and what to warn about."""
    if service is None:
        return [UnknownService(request.service)], []
    reasons: list[Reason] = []
    notices: list[Notice] = []
    if service.status not in ON_MENU:
        reasons.append(NotOnMenu(service.id, service.name, service.status))
    elif service.status == "pilot":
        notices.append(PilotService(service.id, service.name))
    for ingredient in ingredients:
        if ingredient.status != "ready":
            reasons.append(IngredientNotReady(ingredient.id, ingredient.name, ingredient.status))
    asked = max(request.start or today, today)
    if due < asked:
        reasons.append(DueBeforeStart(asked, due))
    elif due < first:
        reasons.append(NoticeTooShort(service.id, service.name, service.lead_time_days, first))
    elif windows and due > windows[0].horizon_end:
        # the calendar stops there: its open days and hours are not known to be too few
        reasons.append(BeyondHorizon(due, windows[0].horizon_end))
    else:
        short = next((w for w in windows if w.open_days < service.duration_days), None)
        if short is not None:
            soonest = today if accepted else earliest_start(
                request.model_copy(update={"start": None}), service, cal, today, accepted=False)
            reasons += _short_window(service, ingredients, short, soonest,
                                     asked if short.start == first and not accepted else short.start,
                                     cal)
    return in_order(reasons), notices


def _short_window(service: Service, ingredients: list[Ingredient], window: Window, soonest: date,
                  asked: date, cal: Calendar) -> list[Reason]:
    """Why a window has too few open days. Each limit (an ingredient's dates, the seasons,
    the notice period) is blamed when lifting it alone would give the dates asked for
    more open days (or, when no one limit would, each that shuts any open day of them).
    The window itself is too short, with the closures and holidays that shut days of it,
    when the dates asked for are too short for the office's calendar (or nothing else is
    to blame)."""
    a, b = cal.index(window.start), cal.index(window.due)
    span = (cal.index(asked), b)
    need = service.duration_days
    limits: list[tuple[Ingredient | str, list[Interval]]] = []
    for ingredient in ingredients:
        since, until = ingredient.available_from, ingredient.available_until
        if since is not None or until is not None:
            limits.append((ingredient, [(cal.index(since) if since else span[0],
                                         cal.index(until) if until else span[1])]))
    seasons = sorted(service.available or [], key=lambda s: s.from_)
    if seasons:
        limits.append(("season", [(cal.index(s.from_), cal.index(s.to)) for s in seasons]))
    if asked < window.start:
        limits.append(("notice", [(a, b)]))

    def open_within(chosen: list[tuple[Ingredient | str, list[Interval]]]) -> int:
        allowed = [span]
        for _, intervals in chosen:
            allowed = _intersect(allowed, intervals)
        return sum(cal.open_days(lo, hi) for lo, hi in allowed)

    now = open_within(limits)
    blamed = [key for n, (key, _) in enumerate(limits)
              if open_within(limits[:n] + limits[n + 1:]) > now]
    if not blamed:
        every = open_within([])
        blamed = [key for key, intervals in limits if open_within([(key, intervals)]) < every]

    def fits(lo: date, hi: date) -> bool:
        first = max(lo, soonest)
        return first <= hi and cal.open_days(cal.index(first), cal.index(hi)) >= need

    found: list[Reason] = []
    for key in blamed:
        if key == "notice":
            found.append(NoticeTooShort(service.id, service.name, service.lead_time_days,
                                        window.start))
        elif key == "season":
            ends = [s.to for s in seasons if s.to < window.due and fits(s.from_, s.to)]
            opens = [s.from_ for s in seasons if s.from_ > window.start]
            found.append(OutOfSeason(service.id, service.name,
                                     tuple(Season(s.from_, s.to) for s in seasons),
                                     max(ends, default=None), min(opens, default=None)))
        elif not isinstance(key, str):
            since, until = key.available_from, key.available_until
            found.append(IngredientUnavailable(
                key.id, key.name, since, until,
                until if until is not None and until < window.due and fits(since or soonest, until)
                else None,
                since if since is not None and since > window.start else None))
    if cal.open_days(*span) < need or not found:
        closures = tuple(Closure(name or "a closure", lo, hi) for name, lo, hi in cal.closures
                         if lo <= window.due and hi >= window.start)
        holidays = tuple(
            Holiday(day, name) for day, name in sorted(cal.holidays.items())
            if window.start <= day <= window.due and cal.weekly[day.weekday()] > 0
            and not any(c.from_ <= day <= c.to for c in closures))
        found.append(WindowTooShort(service.id, service.name, window.start, window.due,
                                    window.open_days, need, closures, holidays))
    return found


def over_budget(request: Request, service: Service, day_hours: float, currency: str
                ) -> OverBudget | None:
    """Spec §4 step 4: the price over the budget, with the most units (months) within it
    and their price; None when there is no budget or the price is within it."""
    price = service.price_of(request.quantity, day_hours)
    if request.budget is None or price <= request.budget:
        return None
    budget = request.budget
    most = most_passing(request.quantity, lambda q: service.price_of(q, day_hours) <= budget)
    return OverBudget(price, budget, currency, most,
                      service.price_of(most, day_hours) if most else None, request.quantity)
