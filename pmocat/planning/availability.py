"""Hours per person per day, exactly as the spec's availability arithmetic (§3).

The first step of planning: models in, one numpy array per person out. Days are indexes
into a Calendar that starts on a fixed date, so a window's hours are a slice sum.
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np
from pydantic import TypeAdapter

from pmocat.models.types import WEEKDAYS, IsoDate

if TYPE_CHECKING:
    from collections.abc import Sequence

    from numpy.typing import NDArray

    from pmocat.models import Person, Pmo

@functools.cache
def _holidays_shape() -> TypeAdapter[dict[date, str]]:
    """What the holiday cache holds: day (written YYYY-MM-DD) -> the holiday's name."""
    return TypeAdapter(dict[IsoDate, str])


@dataclass
class Calendar:
    """The PMO's open days and opening hours from `start` for `length` days."""

    start: date
    length: int
    #: hours the PMO is open each day (0 on closed days)
    open_hours: NDArray[np.float64]
    #: the hours the PMO opens on each weekday (Monday first), holidays aside
    weekly: tuple[float, ...] = ()
    #: the PMO's closures, each (name, first day, last day), to say why a day is shut
    closures: tuple[tuple[str | None, date, date], ...] = ()
    #: the public holidays and the PMO's own closed days in the calendar, by day
    holidays: dict[date, str] = field(default_factory=dict)
    #: open_before[i] = how many open days come before day i (length + 1 entries)
    open_before: NDArray[np.int64] = field(init=False)

    def __post_init__(self) -> None:
        self.open_before = np.concatenate(([0], np.cumsum(self.open_hours > 0)))

    @property
    def end(self) -> date:
        """The last day the calendar knows."""
        return self.day(self.length - 1)

    def index(self, day: date) -> int:
        return (day - self.start).days

    def day(self, index: int) -> date:
        return self.start + timedelta(days=int(index))

    def is_open(self, index: int) -> bool:
        return 0 <= index < self.length and bool(self.open_hours[index] > 0)

    def open_days(self, first: int, last: int) -> int:
        """Open days in [first, last], inclusive."""
        first, last = max(first, 0), min(last, self.length - 1)
        if last < first:
            return 0
        return int(self.open_before[last + 1] - self.open_before[first])

    def nth_open_day_after(self, today: int, n: int) -> int:
        """The n-th open day after `today` (today itself when n is 0); `length` when beyond."""
        if n <= 0:
            return today
        target = self.open_before[today + 1] + n
        found = int(np.searchsorted(self.open_before, target, side="left")) - 1
        return found if found < self.length and self.open_before[found + 1] == target else self.length


@functools.lru_cache(maxsize=16)
def _library_holidays(country: str, subdivision: str | None, first_year: int, last_year: int
                      ) -> dict[date, str]:
    """Public holidays from the `holidays` library, through a small cache on disk.

    Importing the library's calendars is a large share of a `can-take` (docs/performance.md);
    the dates it gives never change for one version of it, so they are kept in
    `$PMOCAT_CACHE_DIR` (default `$XDG_CACHE_HOME/pmocat`, or `~/.cache/pmocat`), keyed by
    the library's installed files. Set PMOCAT_NO_CACHE=1 to always ask the library.
    """
    from pmocat.sources import cache

    stamp = cache.library_stamp("holidays", "registry.py")
    key = f"{country}-{subdivision or ''}-{first_year}-{last_year}-{stamp}" if stamp else None
    if key is not None:
        cached = cache.read("holidays", key, _holidays_shape())
        if cached is not None:
            return cached
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from holidays import country_holidays

            calendar = country_holidays(country, subdiv=subdivision,
                                        years=range(first_year, last_year + 1))
            found = {day: str(name) for day, name in calendar.items()}
    except (NotImplementedError, KeyError, ValueError):
        return {}  # an unknown country is reported by the unknown-country check
    if key is not None:
        cache.write("holidays", key, {d.isoformat(): n for d, n in sorted(found.items())})
    return found


def public_holidays(pmo: Pmo, first: date, last: date) -> dict[date, str]:
    """The PMO's public holidays (from the `holidays` library) and extra closed days."""
    found: dict[date, str] = {}
    settings = pmo.holidays
    if settings is None:
        return found
    if settings.country:
        found.update(_library_holidays(settings.country, settings.subdivision, first.year, last.year))
    for extra in settings.extra:
        found[extra.date] = extra.name or "PMO holiday"
    return found


def build_calendar(pmo: Pmo, start: date, end: date) -> Calendar:
    """Opening hours for every day from start to end inclusive (0 on closed days)."""
    length = (end - start).days + 1
    by_weekday = np.array([pmo.open_minutes(w) / 60 for w in range(7)], dtype=np.float64)
    hours = by_weekday[(np.arange(length) + start.weekday()) % 7]
    holidays = {day: name for day, name in public_holidays(pmo, start, end).items()
                if start <= day <= end}
    for day in holidays:
        hours[(day - start).days] = 0.0
    for closure in pmo.closures:
        a, b = max((closure.from_ - start).days, 0), min((closure.to - start).days, length - 1)
        if a <= b:
            hours[a : b + 1] = 0.0
    closures = tuple((c.name, c.from_, c.to) for c in pmo.closures)
    return Calendar(start, length, hours, tuple(float(h) for h in by_weekday), closures, holidays)


def working_days(person: Person, pmo: Pmo) -> list[str]:
    """The weekdays a person works: their own list, or the PMO's open weekdays."""
    return list(person.working_days) if person.working_days else pmo.open_weekdays


def person_hours(person: Person, pmo: Pmo, cal: Calendar) -> NDArray[np.float64]:
    """hours(p, d) for every calendar day: the spec's §3, vectorised (`people_hours`)."""
    row: NDArray[np.float64] = people_hours([person], pmo, cal)[0]
    return row


def people_hours(people: Sequence[Person], pmo: Pmo, cal: Calendar) -> NDArray[np.float64]:
    """hours(p, d) for each person (a row) and every calendar day (a column): the spec's §3.

    0 unless the PMO is open, the weekday is one of the person's working days and they are
    not absent; else max(0, min(daily, open_hours(d)) − committed), where daily and each
    commitment are spread evenly over the person's working days. The same arithmetic,
    day by day, as one person at a time, for `_CHUNK` people at once: several times
    faster, and what it holds besides the table stays small at any size.
    """
    table = np.empty((len(people), cal.length))
    weekday = (np.arange(cal.length) + cal.start.weekday()) % 7
    for first in range(0, len(people), _CHUNK):
        table[first : first + _CHUNK] = _chunk_hours(people[first : first + _CHUNK], pmo, cal, weekday)
    return table


#: people worked out together by people_hours
_CHUNK = 256


def _chunk_hours(people: Sequence[Person], pmo: Pmo, cal: Calendar,
                 weekday: NDArray[np.int64]) -> NDArray[np.float64]:
    weekday_works = np.zeros((len(people), 7), dtype=bool)
    daily = np.zeros(len(people))
    committed = np.zeros((len(people), cal.length))
    absent = np.zeros((len(people), cal.length), dtype=bool)
    for k, person in enumerate(people):
        days = working_days(person, pmo)
        if not days:
            continue  # works no day: weekday_works stays False
        weekday_works[k] = [WEEKDAYS[w] in days for w in range(7)]
        for absence in person.absences:
            a, b = max(cal.index(absence.from_), 0), min(cal.index(absence.to), cal.length - 1)
            if a <= b:
                absent[k, a : b + 1] = True
        daily[k] = person.hours_per_week / len(days)
        for commitment in person.commitments:
            a, b = max(cal.index(commitment.from_), 0), min(cal.index(commitment.to), cal.length - 1)
            if a <= b:
                committed[k, a : b + 1] += commitment.hours_per_week / len(days)
    works = weekday_works[:, weekday] & (cal.open_hours > 0)[None, :] & ~absent
    hours = np.maximum(0.0, np.minimum(daily[:, None], cal.open_hours[None, :]) - committed)
    return np.where(works, hours, 0.0)
