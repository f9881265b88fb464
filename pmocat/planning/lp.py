"""The capacity network as a linear program, solved exactly by HiGHS with column generation.

For can-take and the book-does-not-fit check (plan runs on its own max flow, flow.py).
The LP is the flow over the `Network` (network.py):

    item ──x──▶ pool(skill, level, time) ──y──▶ class or person, in that time ──▶ sink

- x-columns are the network's item → pool arcs, in its order. A focus y-column uses the
  person's day (hours(p, d)) and, where the book has work, their class's capacity in that
  segment too.
- y-columns are generated lazily: the LP starts without them and, after each solve, every
  missing column whose reduced cost (priced from the row duals, over the whole roster in
  numpy) could improve the objective is added, and the LP re-solved from its basis, until
  none is left. That is column generation: the optimum is the exact optimum of the whole
  network, which is never built. docs/decisions/0001-solver.md has the measurements.

Rows 0..n_items-1 are the items (Σ of their x-columns, bounds [lower, upper] hours),
row n_items is the *floor*: the accepted items together serve at least a given number of
hours. Rows and columns are only ever added, never deleted, so indices are stable.

API:
- `LP(network)`: builds the LP once (x-columns and rows; y lazily).
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
- `add_columns(pools, who)`: add y-columns by hand (pricing adds those it needs; the
  benchmark's solver comparison adds them all, benchmarks/lp_columns.py).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import numpy as np

from pmocat.planning.network import TOLERANCE, Network, unique

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from numpy.typing import NDArray

#: reduced costs above this (relative to the objective's scale) are worth a new column
_PRICE_TOLERANCE = 1e-7
#: columns added per pool in the first pricing round of a solve (doubling each round)
_PER_POOL = 2


def silent_highs() -> Any:
    """A silent HiGHS instance (its banner is written straight to file descriptor 1)."""
    import highspy

    if sys.stdout is not None:
        sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no file descriptor 1 at all: the banner has nowhere to go
        highs = highspy.Highs()  # type: ignore[no-untyped-call]
    else:
        devnull = os.open(os.devnull, os.O_WRONLY)
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


class LP:
    """The flow LP over a network's items; see the module docstring for the API."""

    def __init__(self, network: Network) -> None:
        import highspy

        self._h = highspy
        self.network = net = network
        n_people = len(net.people)
        self.cost = np.array([float(p.cost_per_hour) for p in net.people])
        self.rank = np.arange(n_people, dtype=np.float64)

        # rows: items, the floor, pools; capacity rows are added with the columns using them
        n_items = len(net.items)
        self.floor_row = n_items
        self.first_pool_row = n_items + 1
        #: each item's upper bound, as last set
        self.demand = np.array([it.hours for it in net.items], dtype=np.float64)

        # y-columns and capacity rows, grown by pricing
        self.y_col: list[int] = []
        self.y_pool: list[int] = []
        self.y_who: list[int] = []  # a class (book pools) or a person (focus pools)
        #: every (pool, class or person) pair with a y-column, as pool × _who_span + who
        self._y_seen: set[int] = set()
        self._who_span = max(n_people, len(net.class_seg) + 1)
        self._any_day_row = False
        # the same, as arrays for pricing (-1: no row yet; the classes' last entry is "no class")
        self._class_row_of = np.full(len(net.class_seg) + 1, -1, dtype=np.int64)
        self._day_row_of = np.full(net.H.shape, -1, dtype=np.int64)
        self.cost_row: int | None = None
        self.n_rows = self.first_pool_row + net.n_pools
        n_x = len(net.x_item)
        self.n_cols = n_x

        inf = highspy.kHighsInf
        # each x-column: its item's row, its pool's row, and the floor's for an accepted item
        accepted = np.array([it.accepted for it in net.items], dtype=bool)[net.x_item]
        entries = np.stack((net.x_item, self.first_pool_row + net.x_pool,
                            np.where(accepted, self.floor_row, -1)), axis=1).reshape(-1)
        index = entries[entries >= 0]
        values = np.ones(len(index))
        starts = np.concatenate(([0], np.cumsum(2 + accepted)[:-1])) if n_x else np.zeros(0)
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = n_x, self.n_rows
        lp.col_cost_ = np.zeros(n_x)
        lp.col_lower_ = np.zeros(n_x)
        lp.col_upper_ = np.full(n_x, inf)
        lp.row_lower_ = np.zeros(self.n_rows)
        row_upper = np.zeros(self.n_rows)
        row_upper[:n_items] = [it.hours for it in net.items]
        row_upper[self.floor_row] = inf
        lp.row_upper_ = row_upper
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.append(starts, len(index)).astype(np.int32)
        lp.a_matrix_.index_ = index.astype(np.int32)
        lp.a_matrix_.value_ = values
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
        net = self.network
        cols = np.nonzero(net.x_focus)[0]
        if not len(cols):
            return
        upper = np.where(net.x_day[cols] <= last, self._h.kHighsInf, 0.0)
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
        net = self.network
        self._maximising = True
        per_item = np.zeros(len(net.items))
        per_item[list(items)] = 1.0
        self._x_cost = per_item[net.x_item]
        self._set_costs(np.zeros(len(net.people)))
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
        self._x_cost = np.zeros(len(self.network.x_item))
        self._set_costs(np.zeros(len(self.network.people)))
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
        net = self.network
        self.pin(items)
        self._maximising = True
        self._x_cost = np.zeros(len(net.x_item))
        cols = np.array([c for i in items for c in net.item_cols[i]], dtype=np.int64)
        if not len(cols):
            return -1
        days = np.where(net.x_day[cols] >= 0, net.x_day[cols], 0)
        self._x_cost[cols] = 2.0 - days / max(net.length, 1)
        self._set_costs(np.zeros(len(net.people)))
        self._solve()
        used = cols[self.solution[cols] > TOLERANCE]
        return int(net.x_day[used].max()) if len(used) else -1

    def lexicographic(self, groups: Sequence[Sequence[int]]) -> list[float]:
        """Maximise each group's hours in turn, keeping what the earlier groups got."""
        item_cols = self.network.item_cols
        got: list[float] = []
        rows: list[int] = []
        for group in groups:
            full = float(sum(self.demand[i] for i in group))
            served = sum(self.served(i) for i in group)
            # already served in full by the last solve: nothing to gain by solving again
            got.append(full if served >= full - TOLERANCE else self.maximise(group))
            rows.append(self._add_row([c for i in group for c in item_cols[i]], 1.0))
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
        net = self.network
        self._maximising = False
        self._x_cost = np.zeros(len(net.x_item))
        self._set_costs(self.cost)
        cost = self._solve()
        # among the cheapest staffings, the one that gives the work to the lowest ids
        if self.cost_row is None:
            focus = [n for n, k in enumerate(self.y_pool) if net.pool_focus[k]]
            self.cost_row = self._add_row([self.y_col[n] for n in focus],
                                          self.cost[[self.y_who[n] for n in focus]])
        inf = self._h.kHighsInf
        self.highs.changeRowBounds(self.cost_row, -inf, cost + 1e-9 * max(1.0, abs(cost)))
        self._set_costs(self.rank + 1.0)
        self._solve()
        self.highs.changeRowBounds(self.cost_row, -inf, inf)
        return cost

    def served(self, item: int) -> float:
        return float(self.solution[self.network.item_cols[item]].sum())

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
        net = self.network
        result: dict[tuple[str, tuple[str, int] | None], dict[int, float]] = {}
        values = self.solution[self.y_col] if self.y_col else np.zeros(0)
        used = np.zeros(net.H.shape) if not focus_only else None
        book_hours = np.zeros(len(net.class_capacity))  # the book's hours, per class
        for n in np.nonzero(values > TOLERANCE)[0]:
            k, who, value = self.y_pool[n], self.y_who[n], float(values[n])
            if net.pool_focus[k]:
                t = int(net.pool_time[k])
                key = (net.people[who].id, net.pairs[net.pool_pair[k]])
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
            segs = net.class_seg[classes]
            classes = classes[(net.bounds[segs + 1] > days[0]) & (net.bounds[segs] <= days[1])]
        if people is not None and len(classes):
            index = {p.id: j for j, p in enumerate(net.people)}
            wanted = np.zeros(len(net.people), dtype=bool)
            wanted[[index[pid] for pid in people if pid in index]] = True
            hit = np.add.reduceat(wanted[net.members], net.member_start[:-1])
            classes = classes[hit[classes] > 0]
        person, day, poured = net.pour(book_hours, classes, used)
        for j, d, h in zip(person.tolist(), day.tolist(), poured.tolist(), strict=True):
            if h > TOLERANCE:
                cell = result.setdefault((net.people[j].id, None), {})
                cell[d] = cell.get(d, 0.0) + h
        return result

    # -- internals ------------------------------------------------------------------------
    def _set_costs(self, weight: NDArray[np.float64]) -> None:
        """x-columns cost `_x_cost`; focus y-columns `weight` of their person; book y 0."""
        self._weight = weight
        cost = np.zeros(self.n_cols)
        cost[: len(self.network.x_item)] = self._x_cost
        if self.y_col:
            focus = self.network.pool_focus[self.y_pool]
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
                # every lower bound is 0 or a hair under what an earlier solve reached, so a
                # solution always exists: no input can get here, only a mistake in pmocat
                raise RuntimeError(f"the capacity LP has no optimum ({status}): a bug in pmocat")
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
        net = self.network
        sense = 1.0 if self._maximising else -1.0
        scale = max(1.0, float(np.abs(self._weight).max(initial=0.0)))
        tol = _PRICE_TOLERANCE * scale
        pool_dual = duals[self.first_pool_row : self.first_pool_row + net.n_pools]
        candidates = np.nonzero(sense * pool_dual > tol)[0]
        if not len(candidates):
            return False
        # a class's capacity row's dual (0 for a class with no row yet, and the last: "no class")
        class_dual = np.where(self._class_row_of >= 0, duals[self._class_row_of], 0.0)
        groups: list[NDArray[np.int64]] = []
        whos: list[NDArray[np.int64]] = []
        gains: list[NDArray[np.float64]] = []
        caps: list[NDArray[np.float64]] = []

        book = candidates[~net.pool_focus[candidates]]
        if len(book):
            # every (pool, qualified class) pair of the candidate pools, flat
            start = net.pool_class_start
            lengths = start[book + 1] - start[book]
            ends = np.cumsum(lengths)
            at = np.arange(int(ends[-1]) if len(ends) else 0) - np.repeat(ends - lengths, lengths)
            classes = net.pool_class[np.repeat(start[book], lengths) + at]
            pools = np.repeat(book, lengths)
            groups.append(pools)
            whos.append(classes)
            gains.append(sense * (pool_dual[pools] - class_dual[classes]))
            caps.append(net.class_capacity[classes])

        focus = candidates[net.pool_focus[candidates]]
        if len(focus):
            cost_dual = float(duals[self.cost_row]) if self.cost_row is not None else 0.0
            for q in unique(net.pool_pair[focus]):
                people = net.qualified[q]
                if not len(people):
                    continue
                pools = focus[net.pool_pair[focus] == q]
                days = net.pool_time[pools]
                capacity_dual = class_dual[net.class_of[np.ix_(people, net.seg_of_day[days])].T]
                if self._any_day_row:
                    rows = self._day_row_of[np.ix_(people, days)].T
                    capacity_dual = capacity_dual + np.where(rows >= 0, duals[rows], 0.0)
                weight = self._weight[people] - cost_dual * self.cost[people]
                reduced = weight[None, :] + pool_dual[pools][:, None] - capacity_dual
                groups.append(np.repeat(pools, len(people)))
                whos.append(np.tile(people, len(pools)))
                gains.append((sense * reduced).reshape(-1))
                caps.append(net.H[np.ix_(people, days)].T.reshape(-1))
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
        return self.add_columns(group[keep], who[keep]) > 0

    def _add_row(self, cols: Sequence[int], values: float | NDArray[np.float64]) -> int:
        coefficients = np.broadcast_to(np.asarray(values, dtype=np.float64), (len(cols),))
        inf = self._h.kHighsInf
        self.highs.addRow(-inf, inf, len(cols), _i32(cols), np.ascontiguousarray(coefficients))
        self.n_rows += 1
        return self.n_rows - 1

    def add_columns(self, pools: NDArray[np.int64], who: NDArray[np.int64]) -> int:
        """Add y-columns (pool, class or person) not there yet, with the capacity rows they
        need; returns how many were added.

        In numpy, column by column as a loop would: the first of equal pairs is kept, and
        new capacity rows are numbered in the order the columns first need them (a focus
        column its person-day row, then its class's; a book column its class's).
        """
        net = self.network
        pools = np.asarray(pools, dtype=np.int64)
        who = np.asarray(who, dtype=np.int64)
        seen = self._y_seen
        keep: list[int] = []
        for n, key in enumerate((pools * self._who_span + who).tolist()):
            if key not in seen:
                seen.add(key)
                keep.append(n)
        if not keep:
            return 0
        pools, who = pools[keep], who[keep]
        n = len(pools)
        focus = net.pool_focus[pools]
        t = np.where(focus, net.pool_time[pools], 0)
        day_who = np.where(focus, who, 0)
        klass = np.where(focus, net.class_of[day_who, net.seg_of_day[t]], who)
        n_days = net.H.shape[1]
        class_key = net.H.size  # row keys: a person-day's, then a class's after them

        # the capacity rows each column needs, in its order: (day, class) or (class, none)
        pairs = np.full((n, 2), -1, dtype=np.int64)
        pairs[focus, 0] = day_who[focus] * n_days + t[focus]
        pairs[focus, 1] = np.where(klass[focus] >= 0, class_key + klass[focus], -1)
        pairs[~focus, 0] = class_key + who[~focus]
        need = pairs.reshape(-1)
        need = need[need >= 0]
        is_day = need < class_key
        missing = np.where(is_day, self._day_row_of.reshape(-1)[np.where(is_day, need, 0)] < 0,
                           self._class_row_of[np.where(is_day, 0, need - class_key)] < 0)
        need = np.fromiter(dict.fromkeys(need[missing].tolist()), dtype=np.int64)
        if len(need):
            is_day = need < class_key
            rows = self.n_rows + np.arange(len(need))
            day_keys, class_keys = need[is_day], need[~is_day] - class_key
            self._day_row_of.reshape(-1)[day_keys] = rows[is_day]
            self._class_row_of[class_keys] = rows[~is_day]
            self._any_day_row = self._any_day_row or bool(len(day_keys))
            upper = np.empty(len(need))
            upper[is_day] = net.H.reshape(-1)[day_keys]
            upper[~is_day] = net.class_capacity[class_keys]
            self.n_rows += len(need)
            self.highs.addRows(len(need), np.full(len(need), -self._h.kHighsInf), upper,
                               0, _i32([]), _i32([]), np.zeros(0))

        # each column's entries: its pool's row, then its capacity rows (and the cost row)
        entries = np.full((n, 4), -1, dtype=np.int64)
        values = np.zeros((n, 4))
        entries[:, 0], values[:, 0] = self.first_pool_row + pools, -1.0
        entries[focus, 1] = self._day_row_of[day_who[focus], t[focus]]
        has_class = focus & (klass >= 0)
        entries[has_class, 2] = self._class_row_of[klass[has_class]]
        if self.cost_row is not None:
            entries[focus, 3], values[focus, 3] = self.cost_row, self.cost[who[focus]]
        entries[~focus, 1] = self._class_row_of[who[~focus]]
        values[:, 1:3] = 1.0
        used = entries >= 0
        counts = used.sum(axis=1)
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        costs = np.where(focus, self._weight[day_who], 0.0)
        self.y_col.extend(range(self.n_cols, self.n_cols + n))
        self.y_pool.extend(pools.tolist())
        self.y_who.extend(who.tolist())
        self.n_cols += n
        self.highs.addCols(n, costs, np.zeros(n), np.full(n, self._h.kHighsInf),
                           int(counts.sum()), _i32(starts), _i32(entries[used]), values[used])
        return n
