"""The capacity engine: demand items against people's hours, solved exactly as a flow LP.

Planning's core, between the calendar (availability.py) and the answers (can_take.py,
plan.py). An `Item` is one recipe line of one request: hours of a (skill, level) to be
worked on the days of its window. The LP is a flow network:

    item ──x──▶ pool(skill, level, time) ──y──▶ person's hours in that time ──▶ sink

- Time for the book of work is cut into *segments* at every window boundary: the days of
  one segment belong to exactly the same windows, so they are interchangeable and a
  person's capacity in a segment is the sum of hours(p, d) over its days.
- Time for *focus* items (the request being asked about) is single days, so that a
  search over due dates is a change of bounds, never a rebuild: a focus item's y-column
  uses the person's day (hours(p, d)) and, where the book has work, their segment too.
- People with the same skills are not merged: real rosters are too varied for that to
  pay. Instead the y-columns (who works which pool) are generated lazily: the LP starts
  without them and, after each solve, every missing column whose reduced cost could
  improve the objective (priced from the row duals, vectorised over the roster) is added
  and the LP re-solved from its basis, until none is left. That is column generation: the
  optimum is the exact optimum of the whole network, which is never built.

Rows 0..n_items-1 are the items (Σ of their x-columns, bounds [lower, upper] hours),
row n_items is the *floor*: the accepted items together serve at least a given number of
hours. Rows are only ever added, never deleted, so indices are stable.

API (for can-take, plan and the book-fits check):
- `Network(items, people, hours)` builds the LP once (x-columns and rows; y lazily).
- `set_demand(i, lower, upper)`: bounds on how much of item i is served. Items start at
  [0, item.hours].
- `set_floor(hours)`: the accepted items together serve at least `hours` (spec §4.3:
  accepted work is never displaced).
- `limit_focus(last)`: focus items may only be worked up to day index `last` (a due date).
- `maximise(items) -> float`: the most hours of those items that can be served with the
  bounds set; re-solves from the previous basis (warm start), so taking requests one by one
  (plan) or trying due dates (can-take) is a bound change and a re-solve, not a rebuild.
- `lexicographic(groups) -> list[float]`: maximise the groups of items one after another,
  each keeping what the earlier ones got (exact shortfall attribution).
- `minimise_cost()`: staff the focus items, at the amounts set by their bounds, at least
  cost, then (among the cheapest) with the lowest person ids (ties broken by id).
- `served(i)`, `allocation(focus_only=False)`: the last solution, the latter as hours per
  (person, (skill, level) for focus work or None for the book) per day index; no one gets
  more than hours(p, d) on any day.
- `complete()`: add every column, for a MILP over the exact model (plan --optimize adds
  its binaries through `highs` after calling it; rows 0..n_items-1 are the items).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from numpy.typing import NDArray

    from pmocat.models import Person

#: hours below this are noise from floating point
TOLERANCE = 1e-6
#: reduced costs above this (relative to the objective's scale) are worth a new column
_PRICE_TOLERANCE = 1e-7
#: columns added per pool in one pricing round
_PER_POOL = 6
#: pools priced together (bounds the memory of one pricing step)
_CHUNK = 2048


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


def _new_highs() -> Any:
    """A silent HiGHS instance (its banner is written straight to file descriptor 1)."""
    import highspy

    sys.stdout.flush()
    saved, devnull = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        highs = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)
    highs.setOptionValue("output_flag", False)
    return highs


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
        self.qualified = [np.array([j for j, p in enumerate(self.people)
                                    if p.skills.get(skill, 0) >= level], dtype=np.int64)
                          for skill, level in self.pairs]

        # segments: cut at every boundary of a book item's window
        cuts = {0, length}
        for it in self.items:
            if not it.focus:
                for a, b in it.intervals:
                    cuts.update((min(max(a, 0), length), min(max(b + 1, 0), length)))
        self.bounds = np.array(sorted(cuts), dtype=np.int64)
        n_segs = len(self.bounds) - 1
        self.seg_of_day = np.repeat(np.arange(n_segs), np.diff(self.bounds))
        cumulative = np.concatenate((np.zeros((n_people, 1)), np.cumsum(self.H, axis=1)), axis=1)
        self.C = cumulative[:, self.bounds[1:]] - cumulative[:, self.bounds[:-1]]
        self.seg_busy = np.zeros(n_segs, dtype=bool)  # segments where the book has a pool
        day_open = self.H.sum(axis=0) > 0 if n_people else np.zeros(length, dtype=bool)
        seg_open = self.C.sum(axis=0) > 0 if n_people else np.zeros(n_segs, dtype=bool)

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
                    if not it.focus:
                        self.seg_busy[t] = True
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
        self.x_focus = self.x_day >= 0
        self.item_cols: list[list[int]] = [[] for _ in self.items]
        for col, i in enumerate(x_item):
            self.item_cols[i].append(col)
        self.accepted = np.array([it.accepted for it in self.items], dtype=bool)

        # y-columns and capacity rows, grown by pricing
        self.y_col: list[int] = []
        self.y_pool: list[int] = []
        self.y_person: list[int] = []
        self._y_seen: set[int] = set()
        self.seg_row: dict[tuple[int, int], int] = {}
        self.day_row: dict[tuple[int, int], int] = {}
        self.cost_row: int | None = None
        self.n_rows = self.first_pool_row + self.n_pools
        self.n_cols = len(x_item)

        inf = highspy.kHighsInf
        n_x = len(x_item)
        starts, index, values = [], [], []
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
        self.highs = _new_highs()
        self.highs.passModel(lp)
        self.solution = np.zeros(self.n_cols)
        self._maximising = True
        self._x_cost = np.zeros(n_x)
        self._y_weight = np.zeros(n_people)  # per person, on focus y-columns (cost mode)

    # -- bounds ---------------------------------------------------------------------------
    def set_demand(self, item: int, lower: float, upper: float) -> None:
        """Serve item `item` between `lower` and `upper` hours."""
        self.highs.changeRowBounds(item, lower, upper)

    def set_floor(self, hours: float) -> None:
        """The accepted items together serve at least `hours` (a hair less: float noise)."""
        lower = max(hours * (1 - 1e-9) - TOLERANCE, 0.0)
        self.highs.changeRowBounds(self.floor_row, lower, self._h.kHighsInf)

    def limit_focus(self, last: int) -> None:
        """Focus items may be worked on days up to index `last` only."""
        cols = np.nonzero(self.x_focus)[0]
        if not len(cols):
            return
        upper = np.where(self.x_day[cols] <= last, self._h.kHighsInf, 0.0)
        self.highs.changeColsBounds(len(cols), _i32(cols), np.zeros(len(cols)), upper)

    def pin(self, items: Iterable[int]) -> None:
        """Keep items at what the last solve served them (a hair of slack for float noise)."""
        for i in items:
            served = self.served(i)
            self.set_demand(i, max(served - TOLERANCE, 0.0), served)

    # -- solving --------------------------------------------------------------------------
    def maximise(self, items: Iterable[int]) -> float:
        """The most hours of `items` that can be served together, with the bounds set."""
        self._maximising = True
        self._x_cost = np.zeros(len(self.x_item))
        targets = np.zeros(len(self.items), dtype=bool)
        targets[list(items)] = True
        self._x_cost[targets[self.x_item]] = 1.0
        self._set_costs(np.zeros(len(self.people)))
        return max(self._solve(), 0.0)

    def lexicographic(self, groups: Sequence[Sequence[int]]) -> list[float]:
        """Maximise each group's hours in turn, keeping what the earlier groups got."""
        got: list[float] = []
        rows: list[int] = []
        for group in groups:
            got.append(self.maximise(group))
            rows.append(self._add_row([c for i in group for c in self.item_cols[i]], 1.0))
            self.highs.changeRowBounds(rows[-1], max(got[-1] * (1 - 1e-9) - TOLERANCE, 0.0),
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
        # among the cheapest staffings, the one with the lowest person ids
        if self.cost_row is None:
            focus_cols = [c for c, k in zip(self.y_col, self.y_pool) if self.pool_focus[k]]
            people = [self.y_person[n] for n, k in enumerate(self.y_pool) if self.pool_focus[k]]
            self.cost_row = self._add_row(focus_cols, self.cost[people])
        self.highs.changeRowBounds(self.cost_row, -self._h.kHighsInf,
                                   cost * (1 + 1e-9) + TOLERANCE)
        self._set_costs(self.rank + 1.0)
        self._solve()
        self.highs.changeRowBounds(self.cost_row, -self._h.kHighsInf, self._h.kHighsInf)
        return cost

    def complete(self) -> None:
        """Add every column the lazy generation left out (before making it a MILP)."""
        for q in range(len(self.pairs)):
            pools = np.nonzero(self.pool_pair == q)[0]
            people = self.qualified[q]
            if not len(pools) or not len(people):
                continue
            caps = self._pool_capacity(pools, people)
            rows, cols = np.nonzero(caps > TOLERANCE)
            self._add_columns(pools[rows], people[cols])

    def served(self, item: int) -> float:
        return float(self.solution[self.item_cols[item]].sum())

    # -- reading the solution -------------------------------------------------------------
    def allocation(self, *, focus_only: bool = False
                   ) -> dict[tuple[str, tuple[str, int] | None], dict[int, float]]:
        """Hours per (person, (skill, level) of focus work, or None for the book), per day.

        Focus work is already by day. The book's hours in a segment are poured into the
        person's days in date order, around the focus work, so nobody gets more than
        hours(p, d) on any day.
        """
        result: dict[tuple[str, tuple[str, int] | None], dict[int, float]] = {}
        values = self.solution[self.y_col] if self.y_col else np.zeros(0)
        used: dict[tuple[int, int], float] = {}
        book: dict[tuple[int, int], float] = {}
        for n in np.nonzero(values > TOLERANCE)[0]:
            k, j, value = self.y_pool[n], self.y_person[n], float(values[n])
            t = int(self.pool_time[k])
            if self.pool_focus[k]:
                key = (self.people[j].id, self.pairs[self.pool_pair[k]])
                cell = result.setdefault(key, {})
                cell[t] = cell.get(t, 0.0) + value
                used[(j, t)] = used.get((j, t), 0.0) + value
            else:
                book[(j, t)] = book.get((j, t), 0.0) + value
        if focus_only:
            return result
        for (j, k), amount in sorted(book.items()):
            cell = result.setdefault((self.people[j].id, None), {})
            for d in range(int(self.bounds[k]), int(self.bounds[k + 1])):
                if amount <= TOLERANCE:
                    break
                take = min(amount, float(self.H[j, d]) - used.get((j, d), 0.0))
                if take > TOLERANCE:
                    cell[d] = cell.get(d, 0.0) + take
                    amount -= take
        return result

    # -- internals ------------------------------------------------------------------------
    def _set_costs(self, weight: NDArray[np.float64]) -> None:
        """x-columns cost `_x_cost`; focus y-columns cost `weight` of their person."""
        self._y_weight = weight
        cost = np.zeros(self.n_cols)
        cost[: len(self.x_item)] = self._x_cost
        if self.y_col:
            focus = self.pool_focus[self.y_pool]
            cost[np.array(self.y_col)[focus]] = weight[np.array(self.y_person)[focus]]
        h = self._h
        self.highs.changeObjectiveSense(h.ObjSense.kMaximize if self._maximising
                                        else h.ObjSense.kMinimize)
        self.highs.changeColsCost(self.n_cols, _i32(np.arange(self.n_cols)), cost)

    def _solve(self) -> float:
        h = self._h
        while True:
            self.highs.run()
            if self.highs.getModelStatus() != h.HighsModelStatus.kOptimal:
                raise InfeasibleError(str(self.highs.getModelStatus()))
            if not self._price(np.asarray(self.highs.getSolution().row_dual)):
                break
        self.solution = np.asarray(self.highs.getSolution().col_value)
        return float(self.highs.getInfo().objective_function_value)

    def _pool_capacity(self, pools: NDArray[np.int64], people: NDArray[np.int64]
                       ) -> NDArray[np.float64]:
        """Hours each person has in each pool's time (pools × people)."""
        times = self.pool_time[pools]
        focus = self.pool_focus[pools]
        caps = np.empty((len(pools), len(people)))
        caps[~focus] = self.C[np.ix_(people, times[~focus])].T
        caps[focus] = self.H[np.ix_(people, times[focus])].T
        return caps

    def _price(self, duals: NDArray[np.float64]) -> bool:
        """Add the missing y-columns that could improve the objective; False when none."""
        sense = 1.0 if self._maximising else -1.0
        scale = max(1.0, float(np.abs(self._y_weight).max(initial=0.0)), float(np.abs(self._x_cost).max(initial=0.0)))
        tol = _PRICE_TOLERANCE * scale
        pool_dual = duals[self.first_pool_row : self.first_pool_row + self.n_pools]
        # a y-column's reduced cost is weight + pool dual - its capacity rows' duals; the
        # capacity duals never help (≥ 0 maximising, ≤ 0 minimising), so a pool whose own
        # dual cannot pay for a column is skipped whole
        candidates = np.nonzero(sense * pool_dual > tol)[0]
        if not len(candidates):
            return False
        seg_dual = np.zeros(self.C.shape)
        if self.seg_row:
            keys = np.array(list(self.seg_row.keys()))
            seg_dual[keys[:, 0], keys[:, 1]] = duals[list(self.seg_row.values())]
        day_dual: NDArray[np.float64] | None = None
        if self.day_row:
            day_dual = np.zeros(self.H.shape)
            keys = np.array(list(self.day_row.keys()))
            day_dual[keys[:, 0], keys[:, 1]] = duals[list(self.day_row.values())]
        cost_dual = float(duals[self.cost_row]) if self.cost_row is not None else 0.0
        new_pools: list[NDArray[np.int64]] = []
        new_people: list[NDArray[np.int64]] = []
        for q in np.unique(self.pool_pair[candidates]):
            people = self.qualified[q]
            if not len(people):
                continue
            pools_q = candidates[self.pool_pair[candidates] == q]
            for start in range(0, len(pools_q), _CHUNK):
                pools = pools_q[start : start + _CHUNK]
                caps = self._pool_capacity(pools, people)
                times = self.pool_time[pools]
                focus = self.pool_focus[pools]
                segs = np.where(focus, self.seg_of_day[np.minimum(times, self.length - 1)], times)
                capacity_dual = seg_dual[np.ix_(people, segs)].T
                capacity_dual[focus & ~self.seg_busy[segs]] = 0.0
                if day_dual is not None and focus.any():
                    capacity_dual[focus] += day_dual[np.ix_(people, times[focus])].T
                weight = np.where(focus[:, None], self._y_weight[people][None, :], 0.0)
                weight = weight - np.where(focus[:, None], cost_dual * self.cost[people][None, :], 0.0)
                reduced = weight + pool_dual[pools][:, None] - capacity_dual
                gain = np.where(caps > TOLERANCE, sense * reduced, -np.inf)
                # the best columns first; among equals, the most hours, then the lowest id
                score = gain + 1e-9 * np.minimum(caps, 1e3) - 1e-13 * people[None, :]
                keep = min(_PER_POOL, len(people))
                if keep < len(people):
                    top = np.argpartition(-score, keep - 1, axis=1)[:, :keep]
                else:
                    top = np.broadcast_to(np.arange(len(people)), (len(pools), len(people)))
                chosen = np.take_along_axis(gain, top, axis=1) > tol
                rows = np.nonzero(chosen)[0]
                new_pools.append(pools[rows])
                new_people.append(people[top[chosen]])
        if not new_pools:
            return False
        return self._add_columns(np.concatenate(new_pools), np.concatenate(new_people)) > 0

    def _add_row(self, cols: Sequence[int], values: float | NDArray[np.float64]) -> int:
        coefficients = np.broadcast_to(np.asarray(values, dtype=np.float64), (len(cols),))
        inf = self._h.kHighsInf
        self.highs.addRow(-inf, inf, len(cols), _i32(cols), np.ascontiguousarray(coefficients))
        self.n_rows += 1
        return self.n_rows - 1

    def _capacity_rows(self, keys: list[tuple[int, int]], rows: dict[tuple[int, int], int],
                       caps: list[float]) -> None:
        inf = self._h.kHighsInf
        for key in keys:
            rows[key] = self.n_rows
            self.n_rows += 1
        self.highs.addRows(len(keys), np.full(len(keys), -inf), np.array(caps, dtype=np.float64),
                           0, _i32([]), _i32([]), np.zeros(0))

    def _add_columns(self, pools: NDArray[np.int64], people: NDArray[np.int64]) -> int:
        """Add y-columns (pool, person) not there yet, with the capacity rows they need."""
        n_people = len(self.people)
        new_seg: dict[tuple[int, int], None] = {}
        new_day: dict[tuple[int, int], None] = {}
        seg_caps: list[float] = []
        day_caps: list[float] = []
        columns: list[tuple[int, int]] = []
        for k, j in zip(pools.tolist(), people.tolist()):
            key = k * n_people + j
            if key in self._y_seen:
                continue
            self._y_seen.add(key)
            columns.append((k, j))
            t = int(self.pool_time[k])
            if self.pool_focus[k]:
                if (j, t) not in self.day_row and (j, t) not in new_day:
                    new_day[(j, t)] = None
                    day_caps.append(float(self.H[j, t]))
                s = int(self.seg_of_day[t])
                if self.seg_busy[s] and (j, s) not in self.seg_row and (j, s) not in new_seg:
                    new_seg[(j, s)] = None
                    seg_caps.append(float(self.C[j, s]))
            elif (j, t) not in self.seg_row and (j, t) not in new_seg:
                new_seg[(j, t)] = None
                seg_caps.append(float(self.C[j, t]))
        if not columns:
            return 0
        if new_seg:
            self._capacity_rows(list(new_seg), self.seg_row, seg_caps)
        if new_day:
            self._capacity_rows(list(new_day), self.day_row, day_caps)
        starts, index, values, costs = [], [], [], []
        for k, j in columns:
            starts.append(len(index))
            t = int(self.pool_time[k])
            index.append(self.first_pool_row + k)
            values.append(-1.0)
            if self.pool_focus[k]:
                index.append(self.day_row[(j, t)])
                values.append(1.0)
                s = int(self.seg_of_day[t])
                if self.seg_busy[s]:
                    index.append(self.seg_row[(j, s)])
                    values.append(1.0)
                if self.cost_row is not None:
                    index.append(self.cost_row)
                    values.append(float(self.cost[j]))
                costs.append(float(self._y_weight[j]))
            else:
                index.append(self.seg_row[(j, t)])
                values.append(1.0)
                costs.append(0.0)
            self.y_col.append(self.n_cols)
            self.y_pool.append(k)
            self.y_person.append(j)
            self.n_cols += 1
        n = len(columns)
        self.highs.addCols(n, np.array(costs), np.zeros(n), np.full(n, self._h.kHighsInf),
                           len(index), _i32(starts), _i32(index), np.array(values))
        return n
