"""The capacity engine: demand items against people's hours, solved exactly as a flow LP.

The network is item → pool(skill, level, segment) → class(people, segment) → sink:
- segments cut the calendar at every window boundary, so the days inside one are
  interchangeable for every item: capacity(person, segment) is a sum of days;
- classes merge people with the same qualifications (for the skills demanded) and the
  same cost per hour: they are interchangeable too, so their capacities add up.
Both merges are exact (flow conservation), and keep the LP small. HiGHS solves it.

API, for can-take and plan:
- `Network(items, people, hours, today_index)` builds the LP once;
- `set_demand(i, lower, upper)` bounds how much of item i must / may be served;
- `set_floor(f)` makes the accepted items together serve at least f hours;
- `maximise(items)` serves as much of those items as possible, `minimise_cost(items)`
  staffs them at least cost; both re-solve from the previous basis (warm start), so
  taking requests one by one is a bound change, not a rebuild;
- `served(i)` reads item i's hours from the last solve; `allocation(...)` turns the
  solution into hours per person per day.
"""

from __future__ import annotations

import bisect
import os
import sys
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Iterable

    from numpy.typing import NDArray

    from pmocat.models import Person

TOLERANCE = 1e-6
_EPSILON = 1e-7  # the tie-break by person id: far below a penny, far above the solver's noise


@dataclass(frozen=True)
class Item:
    """One recipe line of one request (of one month, for a per_month service)."""

    request: str
    line: int
    skill: str
    level: int
    hours: float
    intervals: tuple[tuple[int, int], ...]
    accepted: bool = False
    #: items whose staffing is proposed (the request asked about) are kept apart
    focus: bool = False


def _new_highs() -> Any:
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


class Network:
    def __init__(self, items: list[Item], people: list[Person],
                 hours: dict[str, NDArray[np.float64]]) -> None:
        import highspy

        self.items = items
        self._highspy = highspy
        bounds = sorted({a for it in items for a, _ in it.intervals}
                        | {b + 1 for it in items for _, b in it.intervals})
        self.bounds = bounds
        segments_of: list[list[int]] = []
        for it in items:
            segs: list[int] = []
            for a, b in it.intervals:
                segs.extend(range(bisect.bisect_left(bounds, a), bisect.bisect_left(bounds, b + 1)))
            segments_of.append(segs)

        pairs = sorted({(it.skill, it.level) for it in items})
        groups: dict[tuple[Any, ...], list[Person]] = defaultdict(list)
        for person in sorted(people, key=lambda p: p.id):
            held = tuple(pair for pair in pairs if person.skills.get(pair[0], 0) >= pair[1])
            if held:
                groups[(held, person.cost_per_hour)].append(person)
        self.classes = sorted(groups.items(), key=lambda kv: kv[1][0].id)
        qualified: dict[tuple[str, int], list[int]] = defaultdict(list)
        capacity = np.zeros((len(self.classes), max(len(bounds) - 1, 0)))
        starts = np.array(bounds[:-1], dtype=np.int64)
        ends = np.array(bounds[1:], dtype=np.int64)
        self.hours = hours
        for c, ((held, _), members) in enumerate(self.classes):
            for pair in held:
                qualified[pair].append(c)
            total: NDArray[np.float64] = np.sum([hours[p.id] for p in members], axis=0)
            cumulative = np.concatenate(([0.0], np.cumsum(total)))
            if len(starts):
                hi = np.minimum(ends, len(total))
                lo = np.minimum(starts, len(total))
                capacity[c] = cumulative[hi] - cumulative[lo]
        self.capacity = capacity

        # rows: items, the accepted floor, pools, class capacities
        n_items = len(items)
        self.floor_row = n_items
        pool_row: dict[tuple[str, int, int, bool], int] = {}
        next_row = n_items + 1
        cap_row: dict[tuple[int, int], int] = {}
        col_starts: list[int] = [0]
        col_rows: list[int] = []
        col_vals: list[float] = []
        col_cost: list[float] = []
        col_upper: list[float] = []
        self.item_cols: list[list[int]] = []
        self.focus_cols: list[tuple[int, tuple[str, int], int, int]] = []  # (col, pair, class, segment)
        self.book_cols: list[tuple[int, int, int]] = []  # (col, class, segment)
        for i, it in enumerate(items):
            cols = []
            for seg in segments_of[i]:
                key = (it.skill, it.level, seg, it.focus)
                if key not in pool_row:
                    pool_row[key] = next_row
                    next_row += 1
                rows = [i, pool_row[key]]
                if it.accepted:
                    rows.append(self.floor_row)
                cols.append(len(col_cost))
                col_rows.extend(rows)
                col_vals.extend([1.0] * len(rows))
                col_starts.append(len(col_rows))
                col_cost.append(0.0)
                col_upper.append(np.inf)
            self.item_cols.append(cols)
        self.n_flow_cols = len(col_cost)
        self.cost = np.zeros(0)
        staffing_cost = []
        for (skill, level, seg, focus), row in pool_row.items():
            for c in qualified[(skill, level)]:
                if capacity[c, seg] <= TOLERANCE:
                    continue
                if (c, seg) not in cap_row:
                    cap_row[(c, seg)] = next_row
                    next_row += 1
                col = len(col_cost)
                col_rows.extend([row, cap_row[(c, seg)]])
                col_vals.extend([-1.0, 1.0])
                col_starts.append(len(col_rows))
                col_cost.append(0.0)
                col_upper.append(np.inf)
                per_hour = float(self.classes[c][0][1])
                if focus:
                    self.focus_cols.append((col, (skill, level), c, seg))
                    staffing_cost.append((col, per_hour + _EPSILON * c))
                else:
                    self.book_cols.append((col, c, seg))
        n_cols, n_rows = len(col_cost), next_row
        self.n_cols = n_cols
        self.staffing_cost = np.zeros(n_cols)
        for col, value in staffing_cost:
            self.staffing_cost[col] = value
        row_lower = np.zeros(n_rows)
        row_upper = np.zeros(n_rows)
        row_upper[:n_items] = [it.hours for it in items]
        row_lower[self.floor_row], row_upper[self.floor_row] = 0.0, highspy.kHighsInf
        for (c, seg), row in cap_row.items():
            row_lower[row], row_upper[row] = -highspy.kHighsInf, capacity[c, seg]
        self.cap_row = cap_row

        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = n_cols, n_rows
        lp.col_cost_ = np.zeros(n_cols)
        lp.col_lower_ = np.zeros(n_cols)
        lp.col_upper_ = np.full(n_cols, highspy.kHighsInf)
        lp.row_lower_, lp.row_upper_ = row_lower, row_upper
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.array(col_starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(col_rows, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(col_vals, dtype=np.float64)
        lp.sense_ = highspy.ObjSense.kMaximize
        self.highs = _new_highs()
        self.highs.passModel(lp)
        self.solution = np.zeros(n_cols)
        self.all_cols = np.arange(n_cols, dtype=np.int32)

    # -- bounds ---------------------------------------------------------------------------
    def set_demand(self, item: int, lower: float, upper: float) -> None:
        self.highs.changeRowBounds(item, lower, upper)

    def set_floor(self, hours: float) -> None:
        self.highs.changeRowBounds(self.floor_row, max(hours - TOLERANCE, 0.0), self._highspy.kHighsInf)

    # -- solving --------------------------------------------------------------------------
    def _solve(self, cost: NDArray[np.float64], maximise: bool) -> float:
        h = self._highspy
        self.highs.changeObjectiveSense(h.ObjSense.kMaximize if maximise else h.ObjSense.kMinimize)
        self.highs.changeColsCost(self.n_cols, self.all_cols, cost)
        self.highs.run()
        status = self.highs.getModelStatus()
        if status != h.HighsModelStatus.kOptimal:
            raise InfeasibleError(str(status))
        self.solution = np.asarray(self.highs.getSolution().col_value)
        return float(self.highs.getInfo().objective_function_value)

    def maximise(self, items: Iterable[int]) -> float:
        """The most hours of `items` that can be served together with the bounds set."""
        cost = np.zeros(self.n_cols)
        for i in items:
            cost[self.item_cols[i]] = 1.0
        return max(self._solve(cost, maximise=True), 0.0)

    def minimise_cost(self) -> float:
        """Staff the focus items at least cost (with their demand bounds set to serve them)."""
        return self._solve(self.staffing_cost, maximise=False)

    def served(self, item: int) -> float:
        return float(self.solution[self.item_cols[item]].sum())

    # -- reading the solution -------------------------------------------------------------
    def allocation(self, *, focus_only: bool = False
                   ) -> dict[tuple[str, tuple[str, int] | None], dict[int, float]]:
        """Hours per (person, (skill, level) for focus work or None for the book), per day.

        Each class's flow in a segment is poured into its people's days in id order,
        the book's work first, so nobody gets more than hours(p, d) on any day.
        """
        per_class: dict[tuple[int, int], list[tuple[tuple[str, int] | None, float]]] = defaultdict(list)
        for col, c, seg in self.book_cols:
            if self.solution[col] > TOLERANCE:
                per_class[(c, seg)].append((None, float(self.solution[col])))
        for col, focus_pair, c, seg in self.focus_cols:
            if self.solution[col] > TOLERANCE:
                per_class[(c, seg)].append((focus_pair, float(self.solution[col])))
        result: dict[tuple[str, tuple[str, int] | None], dict[int, float]] = defaultdict(dict)
        for (c, seg), flows in sorted(per_class.items()):
            members = self.classes[c][1]
            first, last = self.bounds[seg], self.bounds[seg + 1]
            slots = [(p.id, d, float(self.hours[p.id][d])) for p in members
                     for d in range(first, last) if self.hours[p.id][d] > 0]
            slot = 0
            left = slots[0][2] if slots else 0.0
            for pair, amount in flows:
                while amount > TOLERANCE and slot < len(slots):
                    take = min(amount, left)
                    pid, day = slots[slot][0], slots[slot][1]
                    if not focus_only or pair is not None:
                        cell = result[(pid, pair)]
                        cell[day] = cell.get(day, 0.0) + take
                    amount -= take
                    left -= take
                    if left <= TOLERANCE:
                        slot += 1
                        left = slots[slot][2] if slot < len(slots) else 0.0
        return dict(result)


class InfeasibleError(Exception):
    """The solver found no solution for bounds that should always admit one: a bug."""
