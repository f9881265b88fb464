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


def unique(values: NDArray[np.int64]) -> NDArray[np.int64]:
    """`np.unique(values)`, sorted and the same, without its look for a masked array: that
    imports numpy.ma, about 12 ms of a `can-take` command (docs/performance.md)."""
    return np.unique(values, return_index=True)[0]


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
        # each person's level in each skill asked for (0: none), then who holds each pair
        wanted = sorted({skill for skill, _ in self.pairs})
        skill_index = {skill: k for k, skill in enumerate(wanted)}
        held = np.zeros((len(wanted), n_people), dtype=np.int64)
        for j, person in enumerate(self.people):
            for skill, level in person.skills.items():
                k = skill_index.get(skill)
                if k is not None:
                    held[k, j] = level
        pair_skill = np.array([skill_index[skill] for skill, _ in self.pairs], dtype=np.int64)
        pair_level = np.array([level for _, level in self.pairs], dtype=np.int64)
        self.Q = (held[pair_skill] >= pair_level[:, None]).reshape(len(self.pairs), n_people)
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

        # every (item, time) arc in item order, times ascending: a focus item's open days,
        # a book item's open segments
        day_list = np.flatnonzero(day_open)
        seg_list = np.flatnonzero(seg_open)
        arc_times: list[NDArray[np.int64]] = []
        arc_counts = np.zeros(len(self.items), dtype=np.int64)
        item_pair = np.zeros(len(self.items), dtype=np.int64)
        item_focus = np.zeros(len(self.items), dtype=bool)
        for i, it in enumerate(self.items):
            item_pair[i] = pair_index[(it.skill, it.level)]
            item_focus[i] = it.focus
            opened, of = (day_list, None) if it.focus else (seg_list, self.seg_of_day)
            for a, b in it.intervals:
                a, b = max(a, 0), min(b, length - 1)
                if a > b:
                    continue
                if of is not None:
                    a, b = int(of[a]), int(of[b])
                times = opened[np.searchsorted(opened, a) : np.searchsorted(opened, b, side="right")]
                arc_times.append(times)
                arc_counts[i] += len(times)
        x_time = np.concatenate(arc_times) if arc_times else np.zeros(0, dtype=np.int64)
        x_item = np.repeat(np.arange(len(self.items), dtype=np.int64), arc_counts)
        x_is_focus = item_focus[x_item]
        # pools (skill and level, focus or not, time), numbered in order of first appearance
        span = max(length, n_segs, 1)
        keys = (item_pair[x_item] * 2 + x_is_focus) * span + x_time
        unique, first_seen, inverse = np.unique(keys, return_index=True, return_inverse=True)
        number = np.empty(len(unique), dtype=np.int64)
        number[np.argsort(first_seen, kind="stable")] = np.arange(len(unique))
        in_order = unique[np.argsort(first_seen, kind="stable")]
        self.pool_pair = in_order // span // 2
        self.pool_focus = (in_order // span % 2).astype(bool)
        self.pool_time = in_order % span
        self.n_pools = len(in_order)
        self.x_item = x_item
        self.x_day = np.where(x_is_focus, x_time, -1)
        self.x_pool = number[inverse.reshape(-1)]
        self.x_focus = self.x_day >= 0
        #: each item's arcs (the LP's x-columns)
        ends = np.cumsum(arc_counts).tolist()
        self.item_cols: list[list[int]] = [list(range(end - count, end))
                                           for end, count in zip(ends, arc_counts.tolist(), strict=True)]
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
        # (book pool, class qualified for it) pairs, segment by segment
        pair_pools: list[NDArray[np.int64]] = []
        pair_classes: list[NDArray[np.int64]] = []
        pair_counts: list[NDArray[np.int64]] = []
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
            # each pool's classes, ascending: the columns of the (pools × classes) block
            block = np.ascontiguousarray(signature[index].T)
            pair_pools.append(pools)
            pair_classes.append(first + np.nonzero(block.reshape(-1))[0] % max(n, 1))
            pair_counts.append(block.sum(axis=1))
            first += n
        counts = np.zeros(self.n_pools, dtype=np.int64)
        for pools, count in zip(pair_pools, pair_counts, strict=True):
            counts[pools] = count
        starts = np.zeros(self.n_pools + 1, dtype=np.int64)
        np.cumsum(counts, out=starts[1:])
        #: the classes of book pool k are `pool_class[pool_class_start[k]:pool_class_start[k + 1]]`
        self.pool_class_start = starts
        self.pool_class = np.empty(int(starts[-1]), dtype=np.int64)
        for pools, count, classes in zip(pair_pools, pair_counts, pair_classes, strict=True):
            # a block's pools come in ascending order, each one run: to its pool's place
            self.pool_class[ranges(starts[pools], count)] = classes
        self.class_seg = np.concatenate(seg_parts) if seg_parts else np.zeros(0, dtype=np.int64)
        self.class_capacity = np.concatenate(cap_parts) if cap_parts else np.zeros(0)
        #: the people of class c, in id order, are `members[member_start[c]:member_start[c + 1]]`
        self.members = np.concatenate(member_parts) if member_parts else np.zeros(0, dtype=np.int64)
        sizes = np.concatenate(size_parts) if size_parts else np.zeros(0, dtype=np.int64)
        self.member_start = np.concatenate(([0], np.cumsum(sizes)))

    def classes_of_pool(self, k: int) -> NDArray[np.int64]:
        """The classes qualified for book pool k, ascending."""
        return self.pool_class[self.pool_class_start[k] : self.pool_class_start[k + 1]]

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
