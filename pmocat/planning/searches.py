"""The searches can-take runs over due dates and quantities, as plain functions of a callback.

Below can_take.py: each search is told how to try one due date or quantity (a callback
that solves or refuses) and decides only which to try next. Each relies on passing being
monotone: a later due date only widens the window, and fewer units need less of it.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable


def earliest_due(first: date, due: date, passes: Callable[[date], bool],
                 guess: date | None = None) -> date:
    """The earliest due date from `first` on that passes, given that `due` passes.

    A binary search between the day before `first` (which fails: the window is empty)
    and `due`. A `guess` strictly between them is tried first: when it passes, the search
    gallops down from it (1, 2, 4, … days) until a date fails, then bisects; when it
    fails, it is the new lower end. Never tries `due` itself or a date twice.
    """
    lo, hi = first - timedelta(days=1), due  # lo fails, hi passes
    if guess is not None and lo < guess < hi:
        if passes(guess):
            hi, step = guess, 1
            while (hi - lo).days > 1:
                probe = max(hi - timedelta(days=step), lo + timedelta(days=1))
                if not passes(probe):
                    lo = probe
                    break
                hi, step = probe, step * 2
        else:
            lo = guess
    while (hi - lo).days > 1:
        mid = lo + timedelta(days=(hi - lo).days // 2)
        if passes(mid):
            hi = mid
        else:
            lo = mid
    return hi


def catch_up(due: date, short: float | None, end: date, short_at: Callable[[date], float | None],
             first: int | None = None) -> date | None:
    """The earliest due date after `due`, up to `end`, at which nothing is short; None when
    there is none. `due` fails: `short` hours short there, or None when a refusal stopped
    it. `short_at(day)` is the hours short at a due date (0.0: it passes; None: a refusal
    came first). The first trial is `first` days after `due` when given, else a week.

    Never tries a date twice, and takes at most about twice a binary search's trials.
    The hours short fall as the due date moves out, nearly in step with the days it
    adds: the last two failing trials say where the shortfall would reach zero (a
    secant), and the next trial goes there. Once a trial passes, the search closes in
    the same way, trying the day before a pass that the line points at. Where the line
    points past a pass, or after two guesses in a row that did not halve the gap, it
    halves the gap. Without a line (a first trial, or a trial that a refusal stopped,
    such as a window too short) it gallops out, doubling its step from a week; or, below
    a pass, back down from it a day, two, four (a first guess that passes is usually
    close).
    """
    lo, short_lo = due, short  # lo fails
    before: tuple[date, float] | None = None  # the failing trial before lo
    hi: date | None = None  # passes
    step, down, poor = (first if first is not None and first > 0 else 7), 1, 0

    def secant() -> int | None:
        """Days past `lo` where the shortfall would reach zero on the line through the
        last two failing trials; None without two such trials or a fall between them."""
        if before is None or short_lo is None or before[1] <= short_lo:
            return None
        per_day = (before[1] - short_lo) / (lo - before[0]).days
        return math.ceil(short_lo / per_day - 1e-9)

    while hi is None or (hi - lo).days > 1:
        ahead = secant()
        if hi is None:
            if lo >= end:
                return None
            # a line that falls by a hair points far off (or the gallop's step grew): no
            # further than the end
            days = max(ahead if ahead is not None else step, 1)
            probe = lo + timedelta(days=min(days, (end - lo).days))
            gap = None
        else:
            gap = (hi - lo).days
            if poor >= 2 or (ahead is not None and ahead > gap):
                days = gap // 2  # a line, or steps, that led nowhere: halve the gap
            elif ahead is None:
                days = max(gap - down, 1)  # no line: back down from the pass
                down *= 2
            elif ahead == gap:
                days = gap - 1  # the line points at the pass: is the day before short?
            else:
                days = max(ahead, 1)
            probe = lo + timedelta(days=days)
        found = short_at(probe)
        if found == 0.0:
            hi = probe
        else:
            before = (lo, short_lo) if found is not None and short_lo is not None else None
            lo, short_lo = probe, found
            step = 7 if hi is None and step < 7 else step * 2
        if gap is not None and hi is not None:
            poor = poor + 1 if (hi - lo).days > gap // 2 else 0
    return hi


def most_passing(fails: int, passes: Callable[[int], bool]) -> int:
    """The largest quantity below `fails` (which fails) that passes, or 0 when none does.

    A binary search over 0 < n < fails; never tries 0 or `fails`.
    """
    lo, hi = 0, fails  # lo passes (or is 0), hi fails
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if passes(mid):
            lo = mid
        else:
            hi = mid
    return lo
