"""The capacity network: demand items, pools of work and the people who can do it.

Planning's shared structure, between the calendar (availability.py) and the two solvers
built on it: the LP for can-take and the book-does-not-fit check (lp.py), and the max
flow for plan (flow.py). An `Item` is one recipe line of one request: hours of a (skill,
level) to be worked on the days of its window. The network is

    item ──▶ pool(skill, level, time) ──▶ class or person, in that time ──▶ sink

- Time for the book of work is cut into *segments* at every window boundary: the days of
  one segment belong to exactly the same windows, so they are interchangeable and a
  person's capacity in a segment is the sum of hours(p, d) over its days.
- In each segment, people qualified for exactly the same book pools are interchangeable
  for the book: they are merged into a *class*, whose capacity is theirs added up.
- Time for *focus* items (the request asked about) is single days, worked by single
  people, so that a search over due dates changes bounds and never rebuilds.

Any flow over classes is poured back into people and days (`pour`) with no one over
hours(p, d) on any day: this is exact by flow conservation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from pmocat.planning.runs import Runs, ranges

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from numpy.typing import NDArray

    from pmocat.models import Person

#: hours below this are noise from floating point
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Item:
    """One recipe line of one request (of one month, for a per_month service)."""

    request: str
    line: int
    skill: str
    level: int
    hours: float
    #: inclusive day-index intervals in which the work may be done
    intervals: tuple[tuple[int, int], ...]
    accepted: bool = False
    #: the request asked about: day-by-day windows, and its staffing is proposed
    focus: bool = False
    #: at most this many people work each unit's hours (None: any number; indivisible.py)
    max_people: int | None = None
    #: units of the recipe line in `hours` (each worked by at most `max_people`)
    units: int = 1


class Network:
    """Items, their pools and the classes of people who can serve them; built once.

    `hours` maps person id -> hours(p, d) per calendar day index (availability.py).
    The arcs item → pool are numbered in order (`x_item`, `x_pool`, `x_day`); the LP's
    first columns are these arcs, in the same order.
    """

    def __init__(self, items: Sequence[Item], people: Iterable[Person],
                 hours: dict[str, NDArray[np.float64]]) -> None:
        self.items = list(items)
        self.people = sorted(people, key=lambda p: p.id)
        n_people = len(self.people)
        length = max((len(hours[p.id]) for p in self.people), default=0)
        self.length = length
        self.H = np.zeros((n_people, length))
        for j, person in enumerate(self.people):
            self.H[j, : len(hours[person.id])] = hours[person.id]

        self.pairs = sorted({(it.skill, it.level) for it in self.items})
        pair_index = {pair: q for q, pair in enumerate(self.pairs)}
        skills = [p.skills for p in self.people]
        self.Q = np.array([[held.get(skill, 0) >= level for held in skills]
                           for skill, level in self.pairs], dtype=bool).reshape(len(self.pairs), n_people)
        self.qualified = [np.nonzero(row)[0] for row in self.Q]

        # segments: cut at every boundary of a book item's window
        cuts = {0, length}
        for it in self.items:
            if not it.focus:
                for a, b in it.intervals:
                    cuts.update((min(max(a, 0), length), min(max(b + 1, 0), length)))
        self.bounds = np.array(sorted(cuts), dtype=np.int64)
        n_segs = len(self.bounds) - 1
        self.seg_of_day = np.repeat(np.arange(n_segs), np.diff(self.bounds))
        # each person's hours per segment
        self.C = (np.add.reduceat(self.H, self.bounds[:-1], axis=1) if n_segs
                  else np.zeros((n_people, 0)))
        day_open = self.H.sum(axis=0) > TOLERANCE
        seg_open = self.C.sum(axis=0) > TOLERANCE

        pool_of: dict[tuple[int, int, int], int] = {}
        pool_pair: list[int] = []
        pool_focus: list[bool] = []
        pool_time: list[int] = []  # segment (book) or day (focus)
        x_item: list[int] = []
        x_pool: list[int] = []
        x_day: list[int] = []
        for i, it in enumerate(self.items):
            q = pair_index[(it.skill, it.level)]
            times: list[int] = []
            for a, b in it.intervals:
                a, b = max(a, 0), min(b, length - 1)
                if a > b:
                    continue
                if it.focus:
                    times.extend(d for d in range(a, b + 1) if day_open[d])
                else:
                    first, last = int(self.seg_of_day[a]), int(self.seg_of_day[b])
                    times.extend(k for k in range(first, last + 1) if seg_open[k])
            for t in times:
                key = (q, int(it.focus), t)
                if key not in pool_of:
                    pool_of[key] = len(pool_pair)
                    pool_pair.append(q)
                    pool_focus.append(it.focus)
                    pool_time.append(t)
                x_item.append(i)
                x_pool.append(pool_of[key])
                x_day.append(t if it.focus else -1)
        self.pool_pair = np.array(pool_pair, dtype=np.int64)
        self.pool_focus = np.array(pool_focus, dtype=bool)
        self.pool_time = np.array(pool_time, dtype=np.int64)
        self.n_pools = len(pool_pair)
        self.x_item = np.array(x_item, dtype=np.int64)
        self.x_day = np.array(x_day, dtype=np.int64)
        self.x_pool = np.array(x_pool, dtype=np.int64)
        self.x_focus = self.x_day >= 0
        #: each item's arcs (the LP's x-columns)
        self.item_cols: list[list[int]] = [[] for _ in self.items]
        for col, i in enumerate(x_item):
            self.item_cols[i].append(col)
        self._classes()

    def _classes(self) -> None:
        """Merge, per segment, the people the book cannot tell apart.

        In one segment, people qualified for exactly the same book pools are
        interchangeable for the book: one class, with their capacities added up.
        """
        n_people, n_segs = self.C.shape
        self.class_of = np.full((n_people, n_segs), -1, dtype=np.int64)
        seg_parts: list[NDArray[np.int64]] = []
        cap_parts: list[NDArray[np.float64]] = []
        member_parts: list[NDArray[np.int64]] = []
        size_parts: list[NDArray[np.int64]] = []
        #: per book pool, the classes qualified for it
        self.pool_classes: dict[int, NDArray[np.int64]] = {}
        book = np.nonzero(~self.pool_focus)[0]
        book = book[np.argsort(self.pool_time[book], kind="stable")]
        groups = np.split(book, np.nonzero(np.diff(self.pool_time[book]))[0] + 1) if len(book) else []
        first = 0
        for pools in groups:
            s = int(self.pool_time[pools[0]])
            present = np.nonzero(self.C[:, s] > TOLERANCE)[0]
            signature = self.Q[np.ix_(self.pool_pair[pools], present)].T  # people × pools
            useful = signature.any(axis=1)
            present, signature = present[useful], signature[useful]
            packed = np.ascontiguousarray(np.packbits(signature, axis=1))
            keys = packed.view(np.dtype((np.void, packed.shape[1]))).reshape(-1)
            _, index, inverse = np.unique(keys, return_index=True, return_inverse=True)
            inverse = inverse.reshape(-1)
            n = len(index)
            self.class_of[present, s] = first + inverse
            order = np.argsort(inverse, kind="stable")
            member_parts.append(present[order])
            size_parts.append(np.bincount(inverse, minlength=n).astype(np.int64))
            cap_parts.append(np.bincount(inverse, weights=self.C[present, s], minlength=n).astype(np.float64))
            seg_parts.append(np.full(n, s))
            for r, k in enumerate(pools):
                self.pool_classes[int(k)] = first + np.nonzero(signature[index, r])[0]
            first += n
        starts = np.zeros(self.n_pools + 1, dtype=np.int64)
        for k, classes in self.pool_classes.items():
            starts[k + 1] = len(classes)
        #: the classes of book pool k are `pool_class[pool_class_start[k]:pool_class_start[k + 1]]`
        self.pool_class_start = np.cumsum(starts)
        flat = [self.pool_classes[k] for k in sorted(self.pool_classes)]
        self.pool_class = np.concatenate(flat) if flat else np.zeros(0, dtype=np.int64)
        self.class_seg = np.concatenate(seg_parts) if seg_parts else np.zeros(0, dtype=np.int64)
        self.class_capacity = np.concatenate(cap_parts) if cap_parts else np.zeros(0)
        #: the people of class c, in id order, are `members[member_start[c]:member_start[c + 1]]`
        self.members = np.concatenate(member_parts) if member_parts else np.zeros(0, dtype=np.int64)
        sizes = np.concatenate(size_parts) if size_parts else np.zeros(0, dtype=np.int64)
        self.member_start = np.concatenate(([0], np.cumsum(sizes)))

    def pool_class_pairs(self) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Every (book pool, class qualified for it) pair, as two arrays."""
        return np.repeat(np.arange(self.n_pools), np.diff(self.pool_class_start)), self.pool_class

    def pour(self, book_hours: NDArray[np.float64], classes: NDArray[np.int64] | None = None,
             used: NDArray[np.float64] | None = None
             ) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
        """Classes' book hours poured into their members in id order, days in date order.

        Each class's hours in its segment fill its members' days in turn, around what is
        `used` already (focus work), so nobody gets more than hours(p, d) on any day.
        Returns (person index, day index, hours) per cell, for `classes` (default: all).
        """
        if classes is None:
            classes = np.flatnonzero(book_hours > TOLERANCE)
        size = self.member_start[classes + 1] - self.member_start[classes]
        segs = self.class_seg[classes]
        first, span = self.bounds[segs], self.bounds[segs + 1] - self.bounds[segs]
        # (class, member) pairs, then (class, member, day) cells: a class's cells contiguous
        members = self.members[ranges(self.member_start[classes], size)]
        pair_span = np.repeat(span, size)
        person = np.repeat(members, pair_span)
        day = ranges(np.repeat(first, size), pair_span)
        free = self.H[person, day]
        if used is not None:
            free = np.maximum(free - used[person, day], 0.0)
        return person, day, Runs(size * span).fill(book_hours[classes], free)
