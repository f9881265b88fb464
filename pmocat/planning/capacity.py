"""The capacity engine: demand items against people's hours, solved exactly as a flow LP.

Planning's core, between the calendar (availability.py) and the answers (can_take.py,
the book-does-not-fit check; plan.py builds its own max flow, flow.py, on this network's
segments, pools and classes). An `Item` is one recipe line of one request: hours
of a (skill, level) to be worked on the days of its window. The LP is a flow network:

    item ──x──▶ pool(skill, level, time) ──y──▶ class or person, in that time ──▶ sink

- Time for the book of work is cut into *segments* at every window boundary: the days of
  one segment belong to exactly the same windows, so they are interchangeable and a
  person's capacity in a segment is the sum of hours(p, d) over its days.
- In each segment, people qualified for exactly the same book pools are interchangeable
  for the book: they are merged into a *class*, whose capacity is theirs added up.
- Time for *focus* items (the request asked about) is single days, worked by single
  people: a search over due dates is then a change of bounds, never a rebuild, and the
  staffing is by person. A focus y-column uses the person's day (hours(p, d)) and, where
  the book has work, their class's capacity in that segment too.
- y-columns are generated lazily: the LP starts without them and, after each solve, every
  missing column whose reduced cost (priced from the row duals, over the whole roster in
  numpy) could improve the objective is added, and the LP re-solved from its basis, until
  none is left. That is column generation: the optimum is the exact optimum of the whole
  network, which is never built. docs/decisions/0001-solver.md has the measurements.

All of it is exact by flow conservation: any solution is poured back into people and days
(`allocation`) with no one over hours(p, d) on any day.

Rows 0..n_items-1 are the items (Σ of their x-columns, bounds [lower, upper] hours),
row n_items is the *floor*: the accepted items together serve at least a given number of
hours. Rows and columns are only ever added, never deleted, so indices are stable.

API (for can-take and the book-does-not-fit check; plan runs on its own max flow over
this network's segments, pools and classes, flow.py):
- `Network(items, people, hours)`: builds the LP once (x-columns and rows; y lazily).
  `hours` maps person id -> hours(p, d) per calendar day index (availability.py).
- `set_demand(i, lower, upper)`: bounds on how much of item i is served. Items start at
  [0, item.hours]; `demand[i]` is the upper bound last set.
- `set_floor(hours)`: the accepted items together serve at least `hours` (spec §4.3:
  accepted work is never displaced).
- `limit_focus(last)`: focus items may only be worked up to day index `last` (a due date).
- `pin(items)`: keep items at what the last solve served them.
- `maximise(items) -> float`: the most hours of those items that can be served with the
  bounds set; re-solves from the previous basis (warm start), so trying due dates
  (can-take) is a bound change and a re-solve, not a rebuild.
- `lexicographic(groups) -> list[float]`: maximise the groups of items one after another,
  each keeping what the earlier ones got (exact shortfall attribution). Skips the solve
  for a group the last solution already serves in full.
- `max_scale(items, hours, upper) -> float`: the largest t with item i served t × hours[i]
  (the most units of a request that fit, in one LP).
- `last_day(items) -> int`: with items pinned, their work pulled as early as it goes; the
  last day it needs (a bracket for the earliest due date).
- `minimise_cost() -> float`: staff the focus items, at the amounts their bounds allow, at
  least cost, then (among the cheapest) giving the hours to the lowest person ids.
- `basis()` / `restore(saved)`: come back to a basis after asking other questions.
- `served(i)`, `allocation(focus_only=False, people=None, days=None)`: the last solution,
  the latter as hours per (person id, (skill, level) for focus work or None for the book)
  per day index.
- `complete()`: add every column the lazy generation left out (for comparisons: a lazy
  model is exact for an LP, but a MILP built on it directly would not be).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from pmocat.planning.runs import Runs, ranges

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from numpy.typing import NDArray

    from pmocat.models import Person

#: hours below this are noise from floating point
TOLERANCE = 1e-6
#: reduced costs above this (relative to the objective's scale) are worth a new column
_PRICE_TOLERANCE = 1e-7
#: columns added per pool in the first pricing round of a solve (doubling each round)
_PER_POOL = 2


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


class InfeasibleError(Exception):
    """The solver found no solution for bounds that should always admit one: a bug."""


def silent_highs() -> Any:
    """A silent HiGHS instance (its banner is written straight to file descriptor 1)."""
    import highspy

    sys.stdout.flush()
    saved, devnull = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        highs = highspy.Highs()  # type: ignore[no-untyped-call]
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)
    highs.setOptionValue("output_flag", False)
    return highs


def _below(value: float) -> float:
    """A hair under a value the solver found, so asking for it again stays feasible."""
    return value - 1e-9 * max(1.0, abs(value))


def _i32(values: Iterable[int] | NDArray[Any]) -> NDArray[np.int32]:
    return np.asarray(list(values) if not isinstance(values, np.ndarray) else values, dtype=np.int32)


class Network:
    """The joint flow LP over a set of items; see the module docstring for the API."""

    def __init__(self, items: Sequence[Item], people: Iterable[Person],
                 hours: dict[str, NDArray[np.float64]]) -> None:
        import highspy

        self._h = highspy
        self.items = list(items)
        self.people = sorted(people, key=lambda p: p.id)
        n_people = len(self.people)
        length = max((len(hours[p.id]) for p in self.people), default=0)
        self.length = length
        self.H = np.zeros((n_people, length))
        for j, person in enumerate(self.people):
            self.H[j, : len(hours[person.id])] = hours[person.id]
        self.cost = np.array([float(p.cost_per_hour) for p in self.people])
        self.rank = np.arange(n_people, dtype=np.float64)

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

        # rows: items, the floor, pools; capacity rows are added with the columns using them
        n_items = len(self.items)
        self.floor_row = n_items
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
        self.first_pool_row = n_items + 1
        self.n_pools = len(pool_pair)
        self.x_item = np.array(x_item, dtype=np.int64)
        self.x_day = np.array(x_day, dtype=np.int64)
        self.x_pool = np.array(x_pool, dtype=np.int64)
        self.x_focus = self.x_day >= 0
        #: each item's upper bound, as last set
        self.demand = np.array([it.hours for it in self.items], dtype=np.float64)
        self.item_cols: list[list[int]] = [[] for _ in self.items]
        for col, i in enumerate(x_item):
            self.item_cols[i].append(col)
        self._classes()

        # y-columns and capacity rows, grown by pricing
        self.y_col: list[int] = []
        self.y_pool: list[int] = []
        self.y_who: list[int] = []  # a class (book pools) or a person (focus pools)
        self._y_seen: set[tuple[int, int]] = set()
        self.class_row: dict[int, int] = {}
        self.day_row: dict[tuple[int, int], int] = {}
        # the same, as arrays for pricing (-1: no row yet; the classes' last entry is "no class")
        self._class_row_of = np.full(len(self.class_seg) + 1, -1, dtype=np.int64)
        self._day_row_of = np.full(self.H.shape, -1, dtype=np.int64)
        self.cost_row: int | None = None
        self.n_rows = self.first_pool_row + self.n_pools
        self.n_cols = len(x_item)

        inf = highspy.kHighsInf
        n_x = len(x_item)
        starts: list[int] = []
        index: list[int] = []
        values: list[float] = []
        for col in range(n_x):
            i = x_item[col]
            starts.append(len(index))
            index.extend((i, self.first_pool_row + x_pool[col]))
            values.extend((1.0, 1.0))
            if self.items[i].accepted:
                index.append(self.floor_row)
                values.append(1.0)
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = n_x, self.n_rows
        lp.col_cost_ = np.zeros(n_x)
        lp.col_lower_ = np.zeros(n_x)
        lp.col_upper_ = np.full(n_x, inf)
        lp.row_lower_ = np.zeros(self.n_rows)
        row_upper = np.zeros(self.n_rows)
        row_upper[:n_items] = [it.hours for it in self.items]
        row_upper[self.floor_row] = inf
        lp.row_upper_ = row_upper
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.array([*starts, len(index)], dtype=np.int32)
        lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(values, dtype=np.float64)
        lp.sense_ = highspy.ObjSense.kMaximize
        self.highs = silent_highs()
        # columns arrive by pricing, and the primal simplex keeps its basis as they do
        self.highs.setOptionValue("simplex_strategy", 4)
        self.highs.passModel(lp)
        self.solution = np.zeros(self.n_cols)
        self.floor = 0.0
        self._maximising = True
        self._x_cost = np.zeros(n_x)
        self._weight = np.zeros(n_people)  # per person, on focus y-columns

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
        self._pc_start = np.cumsum(starts)
        flat = [self.pool_classes[k] for k in sorted(self.pool_classes)]
        self._pc_class = np.concatenate(flat) if flat else np.zeros(0, dtype=np.int64)
        self.class_seg = np.concatenate(seg_parts) if seg_parts else np.zeros(0, dtype=np.int64)
        self.class_capacity = np.concatenate(cap_parts) if cap_parts else np.zeros(0)
        self._members = np.concatenate(member_parts) if member_parts else np.zeros(0, dtype=np.int64)
        sizes = np.concatenate(size_parts) if size_parts else np.zeros(0, dtype=np.int64)
        self._member_start = np.concatenate(([0], np.cumsum(sizes)))

    def pool_class_pairs(self) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Every (book pool, class qualified for it) pair, as two arrays."""
        return np.repeat(np.arange(self.n_pools), np.diff(self._pc_start)), self._pc_class

    def class_members(self, c: int) -> NDArray[np.int64]:
        """The people of class c, in id order."""
        return self._members[self._member_start[c] : self._member_start[c + 1]]

    # -- bounds ---------------------------------------------------------------------------
    def set_demand(self, item: int, lower: float, upper: float) -> None:
        """Serve item `item` between `lower` and `upper` hours."""
        self.demand[item] = upper
        self.highs.changeRowBounds(item, lower, upper)

    def set_floor(self, hours: float) -> None:
        """The accepted items together serve at least `hours` (a hair under, for float noise)."""
        lower = max(_below(hours), 0.0)
        self.floor = lower
        self.highs.changeRowBounds(self.floor_row, lower, self._h.kHighsInf)

    def limit_focus(self, last: int) -> None:
        """Focus items may be worked on days up to index `last` only."""
        cols = np.nonzero(self.x_focus)[0]
        if not len(cols):
            return
        upper = np.where(self.x_day[cols] <= last, self._h.kHighsInf, 0.0)
        self.highs.changeColsBounds(len(cols), _i32(cols), np.zeros(len(cols)), upper)

    def pin(self, items: Iterable[int]) -> None:
        """Keep items at what the last solve served them (a hair under, for float noise)."""
        for i in items:
            served = self.served(i)
            self.set_demand(i, max(_below(served), 0.0), served)

    def basis(self) -> tuple[Any, int, int]:
        """The current simplex basis, to come back to after other questions."""
        return self.highs.getBasis(), self.n_cols, self.n_rows

    def restore(self, saved: tuple[Any, int, int]) -> None:
        """Start the next solve from a saved basis (columns and rows added since: out, slack)."""
        basis, n_cols, n_rows = saved
        h = self._h
        again = h.HighsBasis()
        again.col_status = [*basis.col_status, *[h.HighsBasisStatus.kLower] * (self.n_cols - n_cols)]
        again.row_status = [*basis.row_status, *[h.HighsBasisStatus.kBasic] * (self.n_rows - n_rows)]
        again.valid = True
        self.highs.setBasis(again)

    # -- solving --------------------------------------------------------------------------
    def maximise(self, items: Iterable[int]) -> float:
        """The most hours of `items` that can be served together, with the bounds set."""
        self._maximising = True
        per_item = np.zeros(len(self.items))
        per_item[list(items)] = 1.0
        self._x_cost = per_item[self.x_item]
        self._set_costs(np.zeros(len(self.people)))
        return max(self._solve(), 0.0)

    def max_scale(self, items: Sequence[int], hours: Sequence[float], upper: float) -> float:
        """The largest t ≤ upper such that every item i can get t × hours[i] together.

        For the most units of a request that fit: its demand scales with the quantity.
        Leaves the items' bounds at [0, 0]; set them again before the next question.
        """
        rows = _i32(items)
        self.highs.addCol(0.0, 0.0, upper, len(rows), rows, -np.asarray(hours, dtype=np.float64))
        scale = self.n_cols
        self.n_cols += 1
        for i in items:
            self.set_demand(i, 0.0, 0.0)
        self._maximising = True
        self._x_cost = np.zeros(len(self.x_item))
        self._set_costs(np.zeros(len(self.people)))
        self.highs.changeColCost(scale, 1.0)
        self._solve()
        found = float(self.solution[scale])
        self.highs.changeColCost(scale, 0.0)
        self.highs.changeColBounds(scale, 0.0, 0.0)  # retired: columns are never deleted
        return found

    def last_day(self, items: Sequence[int]) -> int:
        """The last day the items need, when their work is pushed as early as it can go.

        The items' amounts are pinned at what the last solve served them; their work is
        then maximised with weights that fall day by day, which pulls it earlier. (Not
        always the earliest possible finish, but a finish that works: callers search
        below it.)
        """
        self.pin(items)
        self._maximising = True
        self._x_cost = np.zeros(len(self.x_item))
        cols = np.array([c for i in items for c in self.item_cols[i]], dtype=np.int64)
        if not len(cols):
            return -1
        days = np.where(self.x_day[cols] >= 0, self.x_day[cols], 0)
        self._x_cost[cols] = 2.0 - days / max(self.length, 1)
        self._set_costs(np.zeros(len(self.people)))
        self._solve()
        used = cols[self.solution[cols] > TOLERANCE]
        return int(self.x_day[used].max()) if len(used) else -1

    def lexicographic(self, groups: Sequence[Sequence[int]]) -> list[float]:
        """Maximise each group's hours in turn, keeping what the earlier groups got."""
        got: list[float] = []
        rows: list[int] = []
        for group in groups:
            full = float(sum(self.demand[i] for i in group))
            served = sum(self.served(i) for i in group)
            # already served in full by the last solve: nothing to gain by solving again
            got.append(full if served >= full - TOLERANCE else self.maximise(group))
            rows.append(self._add_row([c for i in group for c in self.item_cols[i]], 1.0))
            self.highs.changeRowBounds(rows[-1], max(_below(got[-1]), 0.0),
                                       self._h.kHighsInf)
        for row in rows:  # the solution stays; later questions are free of these rows
            self.highs.changeRowBounds(row, -self._h.kHighsInf, self._h.kHighsInf)
        return got

    def minimise_cost(self) -> float:
        """Staff the focus items at least cost, then with the lowest person ids.

        The amounts are those their bounds allow (pin them first); the book may be moved
        around freely within its own bounds and the floor. Returns the cost.
        """
        self._maximising = False
        self._x_cost = np.zeros(len(self.x_item))
        self._set_costs(self.cost)
        cost = self._solve()
        # among the cheapest staffings, the one that gives the work to the lowest ids
        if self.cost_row is None:
            focus = [n for n, k in enumerate(self.y_pool) if self.pool_focus[k]]
            self.cost_row = self._add_row([self.y_col[n] for n in focus],
                                          self.cost[[self.y_who[n] for n in focus]])
        inf = self._h.kHighsInf
        self.highs.changeRowBounds(self.cost_row, -inf, cost + 1e-9 * max(1.0, abs(cost)))
        self._set_costs(self.rank + 1.0)
        self._solve()
        self.highs.changeRowBounds(self.cost_row, -inf, inf)
        return cost

    def complete(self) -> None:
        """Add every column the lazy generation left out (before making it a MILP)."""
        for k, classes in self.pool_classes.items():
            useful = classes[self.class_capacity[classes] > TOLERANCE]
            self._add_columns(np.full(len(useful), k), useful)
        for pool in np.nonzero(self.pool_focus)[0]:
            k = int(pool)
            people = self.qualified[self.pool_pair[k]]
            people = people[self.H[people, self.pool_time[k]] > TOLERANCE]
            self._add_columns(np.full(len(people), k), people)

    def served(self, item: int) -> float:
        return float(self.solution[self.item_cols[item]].sum())

    # -- reading the solution -------------------------------------------------------------
    def allocation(self, *, focus_only: bool = False, people: Iterable[str] | None = None,
                   days: tuple[int, int] | None = None
                   ) -> dict[tuple[str, tuple[str, int] | None], dict[int, float]]:
        """Hours per (person, (skill, level) of focus work, or None for the book), per day.

        Focus work is already by person and day. A class's book hours in a segment are
        poured into its members in id order and their days in date order, around the
        focus work, so nobody gets more than hours(p, d) on any day. `people` and `days`
        (first, last) limit the book's part to what is asked for.
        """
        result: dict[tuple[str, tuple[str, int] | None], dict[int, float]] = {}
        values = self.solution[self.y_col] if self.y_col else np.zeros(0)
        used = np.zeros(self.H.shape) if not focus_only else None
        book_hours = np.zeros(len(self.class_capacity))  # the book's hours, per class
        for n in np.nonzero(values > TOLERANCE)[0]:
            k, who, value = self.y_pool[n], self.y_who[n], float(values[n])
            if self.pool_focus[k]:
                t = int(self.pool_time[k])
                key = (self.people[who].id, self.pairs[self.pool_pair[k]])
                cell = result.setdefault(key, {})
                cell[t] = cell.get(t, 0.0) + value
                if used is not None:
                    used[who, t] += value
            else:
                book_hours[who] += value
        if used is None:
            return result
        classes = np.flatnonzero(book_hours > TOLERANCE)
        if days is not None:
            segs = self.class_seg[classes]
            classes = classes[(self.bounds[segs + 1] > days[0]) & (self.bounds[segs] <= days[1])]
        if people is not None and len(classes):
            index = {p.id: j for j, p in enumerate(self.people)}
            wanted = np.zeros(len(self.people), dtype=bool)
            wanted[[index[pid] for pid in people if pid in index]] = True
            hit = np.add.reduceat(wanted[self._members], self._member_start[:-1])
            classes = classes[hit[classes] > 0]
        person, day, poured = self.pour(book_hours, classes, used)
        for j, d, h in zip(person.tolist(), day.tolist(), poured.tolist(), strict=True):
            if h > TOLERANCE:
                cell = result.setdefault((self.people[j].id, None), {})
                cell[d] = cell.get(d, 0.0) + h
        return result

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
        size = self._member_start[classes + 1] - self._member_start[classes]
        segs = self.class_seg[classes]
        first, span = self.bounds[segs], self.bounds[segs + 1] - self.bounds[segs]
        # (class, member) pairs, then (class, member, day) cells: a class's cells contiguous
        members = self._members[ranges(self._member_start[classes], size)]
        pair_span = np.repeat(span, size)
        person = np.repeat(members, pair_span)
        day = ranges(np.repeat(first, size), pair_span)
        room = self.H[person, day]
        if used is not None:
            room = np.maximum(room - used[person, day], 0.0)
        return person, day, Runs(size * span).fill(book_hours[classes], room)

    # -- internals ------------------------------------------------------------------------
    def _set_costs(self, weight: NDArray[np.float64]) -> None:
        """x-columns cost `_x_cost`; focus y-columns `weight` of their person; book y 0."""
        self._weight = weight
        cost = np.zeros(self.n_cols)
        cost[: len(self.x_item)] = self._x_cost
        if self.y_col:
            focus = self.pool_focus[self.y_pool]
            cost[np.array(self.y_col)[focus]] = weight[np.array(self.y_who)[focus]]
        h = self._h
        self.highs.changeObjectiveSense(h.ObjSense.kMaximize if self._maximising
                                        else h.ObjSense.kMinimize)
        self.highs.changeColsCost(self.n_cols, _i32(np.arange(self.n_cols)), cost)

    def _solve(self) -> float:
        h = self._h
        per_pool = _PER_POOL
        while True:
            self.highs.run()
            status = self.highs.getModelStatus()
            if status == h.HighsModelStatus.kModelEmpty:
                self.solution = np.zeros(self.n_cols)
                return 0.0
            if status != h.HighsModelStatus.kOptimal:
                raise InfeasibleError(str(status))
            if not self._price(np.asarray(self.highs.getSolution().row_dual), per_pool):
                break
            # a pool still short after a round is likely short of many: offer more at once
            per_pool = min(per_pool * 2, 64)
        self.solution = np.asarray(self.highs.getSolution().col_value)
        return float(self.highs.getInfo().objective_function_value)

    def _price(self, duals: NDArray[np.float64], per_pool: int = _PER_POOL) -> bool:
        """Add the missing y-columns that could improve the objective; False when none.

        A y-column's reduced cost is its weight + its pool's dual − its capacity rows'
        duals. Capacity duals never help (≥ 0 maximising, ≤ 0 minimising) and weights are
        0 or of the objective's sign, so a pool whose own dual cannot pay is skipped whole.
        """
        sense = 1.0 if self._maximising else -1.0
        scale = max(1.0, float(np.abs(self._weight).max(initial=0.0)))
        tol = _PRICE_TOLERANCE * scale
        pool_dual = duals[self.first_pool_row : self.first_pool_row + self.n_pools]
        candidates = np.nonzero(sense * pool_dual > tol)[0]
        if not len(candidates):
            return False
        # a class's capacity row's dual (0 for a class with no row yet, and the last: "no class")
        class_dual = np.where(self._class_row_of >= 0, duals[self._class_row_of], 0.0)
        groups: list[NDArray[np.int64]] = []
        whos: list[NDArray[np.int64]] = []
        gains: list[NDArray[np.float64]] = []
        caps: list[NDArray[np.float64]] = []

        book = candidates[~self.pool_focus[candidates]]
        if len(book):
            # every (pool, qualified class) pair of the candidate pools, flat
            lengths = self._pc_start[book + 1] - self._pc_start[book]
            ends = np.cumsum(lengths)
            at = np.arange(int(ends[-1]) if len(ends) else 0) - np.repeat(ends - lengths, lengths)
            classes = self._pc_class[np.repeat(self._pc_start[book], lengths) + at]
            pools = np.repeat(book, lengths)
            groups.append(pools)
            whos.append(classes)
            gains.append(sense * (pool_dual[pools] - class_dual[classes]))
            caps.append(self.class_capacity[classes])

        focus = candidates[self.pool_focus[candidates]]
        if len(focus):
            cost_dual = float(duals[self.cost_row]) if self.cost_row is not None else 0.0
            for q in np.unique(self.pool_pair[focus]):
                people = self.qualified[q]
                if not len(people):
                    continue
                pools = focus[self.pool_pair[focus] == q]
                days = self.pool_time[pools]
                capacity_dual = class_dual[self.class_of[np.ix_(people, self.seg_of_day[days])].T]
                if self.day_row:
                    rows = self._day_row_of[np.ix_(people, days)].T
                    capacity_dual = capacity_dual + np.where(rows >= 0, duals[rows], 0.0)
                weight = self._weight[people] - cost_dual * self.cost[people]
                reduced = weight[None, :] + pool_dual[pools][:, None] - capacity_dual
                groups.append(np.repeat(pools, len(people)))
                whos.append(np.tile(people, len(pools)))
                gains.append((sense * reduced).reshape(-1))
                caps.append(self.H[np.ix_(people, days)].T.reshape(-1))
        if not groups:
            return False
        group, who, gain, cap = (np.concatenate(x) for x in (groups, whos, gains, caps))
        useful = (cap > TOLERANCE) & (gain > tol)
        group, who, gain, cap = group[useful], who[useful], gain[useful], cap[useful]
        if not len(group):
            return False
        # per pool, the best columns first; among equals the most hours, then the lowest index
        score = gain + 1e-9 * np.minimum(cap, 1e3) - 1e-13 * who
        order = np.lexsort((-score, group))
        group, who = group[order], who[order]
        starts = np.concatenate(([0], np.nonzero(np.diff(group))[0] + 1))
        counts = np.diff(np.concatenate((starts, [len(group)])))
        rank = np.arange(len(group)) - np.repeat(starts, counts)
        keep = rank < per_pool
        return self._add_columns(group[keep], who[keep]) > 0

    def _add_row(self, cols: Sequence[int], values: float | NDArray[np.float64]) -> int:
        coefficients = np.broadcast_to(np.asarray(values, dtype=np.float64), (len(cols),))
        inf = self._h.kHighsInf
        self.highs.addRow(-inf, inf, len(cols), _i32(cols), np.ascontiguousarray(coefficients))
        self.n_rows += 1
        return self.n_rows - 1

    def _add_columns(self, pools: NDArray[np.int64], who: NDArray[np.int64]) -> int:
        """Add y-columns (pool, class or person) not there yet, with the capacity rows they need."""
        columns = []
        new_rows: dict[tuple[str, int, int], float] = {}
        for k, w in zip(pools.tolist(), who.tolist(), strict=True):
            if (k, w) in self._y_seen:
                continue
            self._y_seen.add((k, w))
            columns.append((k, w))
            if self.pool_focus[k]:
                t = int(self.pool_time[k])
                if (w, t) not in self.day_row:
                    new_rows[("day", w, t)] = float(self.H[w, t])
                c = int(self.class_of[w, self.seg_of_day[t]])
                if c >= 0 and c not in self.class_row:
                    new_rows[("class", c, 0)] = float(self.class_capacity[c])
            elif w not in self.class_row:
                new_rows[("class", w, 0)] = float(self.class_capacity[w])
        if not columns:
            return 0
        if new_rows:
            inf = self._h.kHighsInf
            for kind, a, b in new_rows:
                if kind == "day":
                    self.day_row[(a, b)] = self._day_row_of[a, b] = self.n_rows
                else:
                    self.class_row[a] = self._class_row_of[a] = self.n_rows
                self.n_rows += 1
            n = len(new_rows)
            self.highs.addRows(n, np.full(n, -inf), np.array(list(new_rows.values())),
                               0, _i32([]), _i32([]), np.zeros(0))
        starts: list[int] = []
        index: list[int] = []
        values: list[float] = []
        costs: list[float] = []
        for k, w in columns:
            starts.append(len(index))
            index.append(self.first_pool_row + k)
            values.append(-1.0)
            if self.pool_focus[k]:
                t = int(self.pool_time[k])
                index.append(self.day_row[(w, t)])
                values.append(1.0)
                c = int(self.class_of[w, self.seg_of_day[t]])
                if c >= 0:
                    index.append(self.class_row[c])
                    values.append(1.0)
                if self.cost_row is not None:
                    index.append(self.cost_row)
                    values.append(float(self.cost[w]))
                costs.append(float(self._weight[w]))
            else:
                index.append(self.class_row[w])
                values.append(1.0)
                costs.append(0.0)
            self.y_col.append(self.n_cols)
            self.y_pool.append(k)
            self.y_who.append(w)
            self.n_cols += 1
        n = len(columns)
        self.highs.addCols(n, np.array(costs), np.zeros(n), np.full(n, self._h.kHighsInf),
                           len(index), _i32(starts), _i32(index), np.array(values))
        return n
