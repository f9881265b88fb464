"""When a request can be worked, and the refusals that need no arithmetic (spec §4.1–4.2).

A window is a list of inclusive day-index intervals on a Calendar: the days from the
earliest start to the due date on which the service is in season and every ingredient is
available. Closed days may lie inside an interval; they simply have no hours.
"""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pmocat.planning.availability import Calendar
from pmocat.words import day_words, plural

if TYPE_CHECKING:
    from pmocat.models import Ingredient, Request, Service

Interval = tuple[int, int]


@dataclass(frozen=True)
class Reason:
    """Why a request is refused: a stable code, a plain message, and details for JSON."""

    code: str
    message: str
    details: dict[str, object] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, **self.details}


@dataclass(frozen=True)
class Window:
    """One stretch of work: a month for a per_month service, else the whole request."""

    start: date
    due: date
    intervals: tuple[Interval, ...]
    open_days: int
    #: units of the recipe this window carries (quantity, or 1 month)
    units: int


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
    return Window(cal.day(first), cal.day(last), intervals, open_days, units)


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
             windows: list[Window], first: date, due: date) -> tuple[list[Reason], list[str]]:
    """The refusals that need no arithmetic (spec §4.2), and warnings."""
    if service is None:
        return [Reason("unknown-service", f"there is no service '{request.service}' in the catalogue")], []
    reasons: list[Reason] = []
    warnings: list[str] = []
    if service.status in ("planned", "retired"):
        reasons.append(Reason("not-on-menu", f"'{service.name}' is {service.status}, not on the menu"))
    elif service.status == "pilot":
        warnings.append(f"'{service.name}' is a pilot: delivery may change as it is tried out")
    for ingredient in ingredients:
        if ingredient.status != "ready":
            reasons.append(Reason("ingredient-not-ready",
                                  f"{ingredient.name} is {ingredient.status}, not ready",
                                  {"ingredient": ingredient.id}))
    if due < first:
        reasons.append(Reason("due-before-start",
                              f"due {day_words(due)} is before the earliest start, {day_words(first)}",
                              {"earliest_start": first.isoformat()}))
    else:
        for window in windows:
            if window.open_days < service.duration_days:
                span = f"{day_words(window.start, year=False)} and {day_words(window.due)}"
                reasons.append(Reason(
                    "window-too-short",
                    f"only {plural(window.open_days, 'open day')} between {span}; "
                    f"'{service.name}' needs at least {service.duration_days}",
                    {"open_days": window.open_days, "duration_days": service.duration_days}))
                break
    return reasons, warnings
