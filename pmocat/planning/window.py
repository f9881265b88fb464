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
    DueBeforeStart,
    IngredientNotReady,
    Notice,
    NotOnMenu,
    PilotService,
    Reason,
    UnknownService,
    WindowTooShort,
)

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
             windows: list[Window], first: date, due: date) -> tuple[list[Reason], list[Notice]]:
    """The refusals that need no arithmetic (spec §4.2), and what to warn about."""
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
    if due < first:
        reasons.append(DueBeforeStart(due, first))
    elif windows and due > windows[0].horizon_end:
        # the calendar stops there: its open days and hours are not known to be too few
        reasons.append(BeyondHorizon(due, windows[0].horizon_end))
    else:
        for window in windows:
            if window.open_days < service.duration_days:
                reasons.append(WindowTooShort(service.id, service.name, window.start, window.due,
                                              window.open_days, service.duration_days))
                break
    return reasons, notices
