"""The accepted book served in turn, on a max flow of only the part that is tight.

`serve_in_turn` (plan.py) on a `BookFlow` of the whole book gives each request the most
it can get, in order, keeping what the ones before it got. On a large, heavily booked
book that flow is the check's whole cost: its (pool, class) edges grow faster than the
book (docs/performance.md), while the roster usually has room for nearly all of the work
and the requests left short sit in a few tight corners. So, with the same answer:

1. **Settle** every item that a plain pour can place: in order, each item's hours go to
   the free hours of its qualified people on its days (person by person, the people of
   each skill and level taken in turn so that the load spreads). An item that does not
   fit whole is put back and left *open*. When no item is open, the book fits.
2. **Solve** the open items alone, on the hours the settled ones left: a `BookFlow` of
   them, served in turn as `serve_in_turn` serves the book.
3. **Check** that the settled ones could not have helped. After each request's turn that
   leaves it short, the flow's residual graph is searched from its short items; every
   item reached, with its qualified people on its days, is a set of people-days that the
   reached items fill between them (a minimum cut), and if no settled item works on any
   of those days, no rearrangement of the settled work can serve the request more. If
   some do, they are opened too and the open part is solved again; at worst (more than
   half the items open) the whole book is solved as before.

Settled items are served in full, so a request is short by what its open items lack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from pmocat.planning.flow import BookFlow
from pmocat.planning.network import Network

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from numpy.typing import NDArray

    from pmocat.models import Person
    from pmocat.planning.network import Item

#: hours below this are served (the flow's own float dust)
_EPS = 1e-9
#: people tried at once when an item's hours are poured
_BLOCK = 8
#: more open items than this share of the book: solve the whole book instead
_WHOLE = 0.5


class _Book:
    """The roster's free hours, each item's qualified people and days, and the pour."""

    def __init__(self, items: Sequence[Item], people: Sequence[Person],
                 hours: dict[str, NDArray[np.float64]]) -> None:
        self.items = items
        self.people = people
        length = max((len(hours[p.id]) for p in people), default=0)
        self.length = length
        self.free = np.zeros((len(people), length))
        for j, person in enumerate(people):
            self.free[j, : len(hours[person.id])] = hours[person.id]
        pairs = sorted({(it.skill, it.level) for it in items})
        skills = {skill: k for k, skill in enumerate(sorted({skill for skill, _ in pairs}))}
        held = np.zeros((len(skills), len(people)), dtype=np.int64)  # each person's level
        for j, person in enumerate(people):
            for skill, level in person.skills.items():
                if skill in skills:
                    held[skills[skill], j] = level
        self.qualified = {(skill, level): np.flatnonzero(held[skills[skill]] >= level)
                          for skill, level in pairs}
        self._days: dict[tuple[tuple[int, int], ...], NDArray[np.int64]] = {}
        self.turn = dict.fromkeys(pairs, 0)  # where the next pour of each pair starts
        #: each settled item's work: (people, days, hours), cell by cell
        self.work: dict[int, tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]] = {}

    def days(self, i: int) -> NDArray[np.int64]:
        """Item i's days (a request's lines share them: computed once)."""
        intervals = self.items[i].intervals
        found = self._days.get(intervals)
        if found is None:
            spans = [np.arange(max(a, 0), min(b, self.length - 1) + 1) for a, b in intervals]
            found = self._days[intervals] = (np.concatenate(spans) if spans
                                             else np.zeros(0, dtype=np.int64))
        return found

    def pour(self, i: int) -> bool:
        """Place item i's hours whole on free hours (then it is settled), or leave them."""
        item = self.items[i]
        need = item.hours
        pair = (item.skill, item.level)
        who, days = self.qualified[pair], self.days(i)
        if need <= _EPS:
            self.work[i] = (who[:0], days[:0], np.zeros(0))
            return True
        if not len(who) or not len(days):
            return False
        n = len(who)
        start = self.turn[pair] % n
        # one run of days (most windows): a slice, not an index, of each person's row
        run = slice(int(days[0]), int(days[-1]) + 1) if days[-1] - days[0] + 1 == len(days) else None
        cells: list[tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]] = []
        for first in range(0, n, _BLOCK):
            rows = who[(start + np.arange(first, min(first + _BLOCK, n))) % n]
            free = (self.free[rows, run] if run is not None
                    else self.free[rows[:, None], days]).reshape(-1)  # person by person
            before = np.cumsum(free) - free
            take = np.clip(need - before, 0.0, free)
            used = np.flatnonzero(take > 0)
            if len(used):
                person, day, amount = rows[used // len(days)], days[used % len(days)], take[used]
                self.free[person, day] -= amount
                cells.append((person, day, amount))
                need -= float(amount.sum())
            if need <= _EPS:
                self.turn[pair] = start + first + int(used[-1] // len(days)) + 1 if len(used) else start
                if len(cells) == 1:
                    self.work[i] = cells[0]
                else:
                    person, day, amount = (np.concatenate(part) for part in zip(*cells, strict=True))
                    self.work[i] = (person, day, amount)
                return True
        for person, day, amount in cells:  # it does not fit whole: put back
            np.add.at(self.free, (person, day), amount)
        return False

    def open(self, settled: Iterable[int]) -> None:
        """These settled items give their hours back and are open."""
        for i in settled:
            person, day, amount = self.work.pop(i)
            np.add.at(self.free, (person, day), amount)

    def settled_on(self, reached: NDArray[np.int64]) -> set[int]:
        """The settled items working on any day of these items, for a person qualified
        for them."""
        touched = np.zeros(self.free.shape, dtype=bool)
        for i in reached.tolist():
            item = self.items[i]
            touched[np.ix_(self.qualified[(item.skill, item.level)], self.days(i))] = True
        settled = list(self.work)
        owner = np.repeat(np.array(settled, dtype=np.int64),
                          [len(self.work[i][0]) for i in settled])
        person = np.concatenate([self.work[i][0] for i in settled]) if settled else owner
        day = np.concatenate([self.work[i][1] for i in settled]) if settled else owner
        return set(np.unique(owner[touched[person, day]]).tolist())


def served_in_turn(items: Sequence[Item], people: Iterable[Person],
                   hours: dict[str, NDArray[np.float64]],
                   groups: Sequence[Sequence[int]]) -> list[float]:
    """Each group served as fully as it can be, keeping what the groups before it got:
    `serve_in_turn(BookFlow(Network(items, people, hours)), groups)`, by settling what
    fits and solving the rest (see the module's docstring)."""
    roster = sorted(people, key=lambda p: p.id)
    book = _Book(items, roster, hours)
    opened = [i for group in groups for i in group if not book.pour(i)]
    served = np.array([it.hours for it in items], dtype=np.float64)
    open_ = set(opened)
    while open_:
        if len(open_) > _WHOLE * len(items):
            book = _Book(items, roster, hours)  # nothing settled: the hours as given
            open_ = set(range(len(items)))
        gave = _solve(book, sorted(open_), groups, served)
        if not gave:
            break
        open_ |= gave
        book.open(gave)
    return [float(served[list(group)].sum()) for group in groups]


def _solve(book: _Book, open_: list[int], groups: Sequence[Sequence[int]],
           served: NDArray[np.float64]) -> set[int]:
    """Serve the open items in turn on the free hours, into `served`; returns the settled
    items that a request left short might have used (none: the answer is exact)."""
    local = {i: n for n, i in enumerate(open_)}
    needed = {(book.items[i].skill, book.items[i].level) for i in open_}
    who = np.unique(np.concatenate([book.qualified[pair] for pair in needed]))
    # only those with free hours on an open item's days (the pour never leaves less than 0)
    days = np.zeros(book.length, dtype=bool)
    for i in open_:
        days[book.days(i)] = True
    who = who[(book.free[who][:, days] > 0).any(axis=1)]
    people = [book.people[j] for j in who.tolist()]
    hours = {book.people[j].id: book.free[j] for j in who.tolist()}
    flow = BookFlow(Network([book.items[i] for i in open_], people, hours))
    turns = [[local[i] for i in group if i in local] for group in groups]
    turns = [turn for turn in turns if turn]
    every = [n for turn in turns for n in turn]
    flow.open(every)
    flow.augment(every)
    flow.spare[every] = True
    reached = np.zeros(len(open_), dtype=bool)
    for turn in turns:
        flow.spare[turn] = False
        flow.augment(turn)
        if book.work and flow.short(turn) > _EPS:
            short = [n for n in turn if flow.demand[n] - flow.served[n] > _EPS]
            reached[flow.reach(short)] = True
    served[open_] = flow.served
    return book.settled_on(np.asarray(open_, dtype=np.int64)[reached]) if reached.any() else set()
