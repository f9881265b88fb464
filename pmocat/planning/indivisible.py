"""Work that cannot be split (`max_people`, spec §3.1), as a mixed-integer program.

Beside the divisible LP (lp.py) and max flow (flow.py), for questions where some recipe
line in play says `max_people`: then how much of the work can be served is no longer a
flow. Same items as the network (network.py), solved to optimality by HiGHS's
branch and bound; docs/decisions/0009-indivisible-work.md has the model and its costs.

    y[i, u, p, s] ≥ 0   hours person p works on unit u of item i in segment s
    z[i, u, p] ∈ {0,1}  p is one of unit u's people (only items with max_people)

- Σ_{p,s} y[i,u,p,s] ≤ hours of one unit            (unit rows)
- Σ_{i,u} y[i,u,p,s] ≤ C[p,s]                        (capacity: p's hours in segment s)
- Σ_s y[i,u,p,s] ≤ min(unit hours, W[i,p]) z[i,u,p]  (hours only from chosen people;
  W[i,p] is p's hours over the item's window)
- Σ_p z[i,u,p] ≤ max_people                          (at most N people per unit)
- the units of one item are alike, so they are served in decreasing order (a symmetry
  cut that keeps every optimum's value)

Time is cut into segments at every window boundary of every item, so every item's
window is a union of whole segments and, inside a segment, days are interchangeable:
the optimum per segment is the optimum per day. A line whose max_people is at least the
number of people qualified for it gets no binaries: it is divisible.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import numpy as np

from pmocat.planning.lp import silent_highs
from pmocat.planning.network import TOLERANCE

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from numpy.typing import NDArray

    from pmocat.models import Person
    from pmocat.planning.network import Item


def in_play(items: Iterable[Item]) -> bool:
    """Whether any of these items limits how many people may share it."""
    return any(it.max_people is not None for it in items)


def _below(value: float) -> float:
    return value - 1e-7 * max(1.0, abs(value))


class Indivisible:
    """The MILP over items, people and their hours(p, d); built once per set of items.

    `maximise(items)`, `keep(items, at_least)`, `pin(items)`, `minimise_cost(items)` and
    `served(i)`, `units(i)`, `days(i)` mirror the LP's questions (lp.py).
    """

    def __init__(self, items: Sequence[Item], people: Iterable[Person],
                 hours: dict[str, NDArray[np.float64]]) -> None:
        import highspy

        self._h = highspy
        self.items = list(items)
        self.people = sorted(people, key=lambda p: p.id)
        length = max((len(hours[p.id]) for p in self.people), default=0)
        self.H = np.zeros((len(self.people), length))
        for j, person in enumerate(self.people):
            self.H[j, : len(hours[person.id])] = hours[person.id]
        cuts = {0, length}
        spans: list[list[tuple[int, int]]] = []
        for it in self.items:
            clipped = [(max(a, 0), min(b, length - 1)) for a, b in it.intervals]
            clipped = [(a, b) for a, b in clipped if a <= b]
            spans.append(clipped)
            for a, b in clipped:
                cuts.update((a, b + 1))
        self.bounds = np.array(sorted(cuts), dtype=np.int64)
        n_segs = len(self.bounds) - 1
        self.seg_of_day = np.repeat(np.arange(n_segs), np.diff(self.bounds))
        self.C = (np.add.reduceat(self.H, self.bounds[:-1], axis=1) if n_segs and length
                  else np.zeros((len(self.people), 0)))
        self.cost = np.array([float(p.cost_per_hour) for p in self.people])

        # rows: units first, then capacity, links and counts
        self.unit_rows: list[list[int]] = []  # per item, its unit rows
        self.unit_hours: list[float] = []  # per unit row
        row_upper: list[float] = []
        col_row: list[list[int]] = []  # per column, its rows
        col_value: list[list[float]] = []
        self.y_item: list[int] = []
        self.y_unit: list[int] = []
        self.y_person: list[int] = []
        self.y_seg: list[int] = []
        self.n_z = 0
        cap_row: dict[tuple[int, int], int] = {}
        pending_caps: list[tuple[int, int]] = []
        links: list[tuple[list[int], int, float]] = []  # (y columns, z column, big M)
        counts: list[tuple[list[int], int]] = []  # (z columns, max people)
        order_pairs: list[tuple[int, int]] = []  # (unit row, next unit row): served ≥
        integer: list[int] = []
        z_upper: list[float] = []
        #: items whose units are each one person's: (units, hours of one unit)
        self.pooled: dict[int, tuple[int, float]] = {}
        n_cols = 0
        for i, it in enumerate(self.items):
            segs = sorted({int(s) for a, b in spans[i]
                           for s in range(int(self.seg_of_day[a]), int(self.seg_of_day[b]) + 1)})
            held = [j for j, p in enumerate(self.people) if p.skills.get(it.skill, 0) >= it.level]
            window = {j: float(self.C[j, segs].sum()) if segs else 0.0 for j in held}
            held = [j for j in held if window[j] > TOLERANCE]
            split = it.max_people is not None and it.max_people < len(held)
            # one person a unit: person p's hours fill ceil(hours / unit) units, so a count
            # of units per person is exact, and has none of the units' symmetry
            pooled = split and it.max_people == 1 and it.units > 1
            units = max(it.units, 1) if split and not pooled else 1
            each = it.hours / units
            one = it.hours / max(it.units, 1)
            if pooled:
                self.pooled[i] = (it.units, one)
            rows = []
            for _ in range(units):
                rows.append(len(row_upper))
                row_upper.append(each)
                self.unit_hours.append(each)
            self.unit_rows.append(rows)
            for u, row in enumerate(rows):
                zs: list[int] = []
                for j in held:
                    ys: list[int] = []
                    for s in segs:
                        if self.C[j, s] <= TOLERANCE:
                            continue
                        if (j, s) not in cap_row:
                            cap_row[(j, s)] = -1
                            pending_caps.append((j, s))
                        ys.append(n_cols)
                        col_row.append([row])
                        col_value.append([1.0])
                        self.y_item.append(i)
                        self.y_unit.append(u)
                        self.y_person.append(j)
                        self.y_seg.append(s)
                        n_cols += 1
                    if split and ys:
                        z = n_cols
                        col_row.append([])
                        col_value.append([])
                        integer.append(z)
                        z_upper.append(float(it.units) if pooled else 1.0)
                        n_cols += 1
                        zs.append(z)
                        links.append((ys, z, one if pooled else min(each, window[j])))
                if split and zs:
                    counts.append((zs, it.units if pooled else int(it.max_people or 0)))
                if split and u + 1 < len(rows):
                    order_pairs.append((row, rows[u + 1]))
        self.n_y_cols = n_cols
        is_y = np.ones(n_cols, dtype=bool)
        is_y[integer] = False
        self.y_cols = np.flatnonzero(is_y)
        self.integer = np.array(integer, dtype=np.int64)

        n_unit_rows = len(row_upper)
        row_lower = [0.0] * n_unit_rows
        inf = highspy.kHighsInf
        for j, s in pending_caps:
            cap_row[(j, s)] = len(row_upper)
            row_upper.append(float(self.C[j, s]))
            row_lower.append(-inf)
        y_index = {c: n for n, c in enumerate(self.y_cols.tolist())}
        for col in self.y_cols.tolist():
            n = y_index[col]
            col_row[col].append(cap_row[(self.y_person[n], self.y_seg[n])])
            col_value[col].append(1.0)
        for ys, z, big in links:
            r = len(row_upper)
            row_upper.append(0.0)
            row_lower.append(-inf)
            for c in ys:
                col_row[c].append(r)
                col_value[c].append(1.0)
            col_row[z].append(r)
            col_value[z].append(-big)
        for zs, most in counts:
            r = len(row_upper)
            row_upper.append(float(most))
            row_lower.append(-inf)
            for c in zs:
                col_row[c].append(r)
                col_value[c].append(1.0)
        # unit rows as columns' sums: served(u) − served(u+1) ≥ 0
        unit_cols: dict[int, list[int]] = defaultdict(list)
        for col in self.y_cols.tolist():
            unit_cols[col_row[col][0]].append(col)
        for a, b in order_pairs:
            r = len(row_upper)
            row_upper.append(inf)
            row_lower.append(0.0)
            for c in unit_cols[a]:
                col_row[c].append(r)
                col_value[c].append(1.0)
            for c in unit_cols[b]:
                col_row[c].append(r)
                col_value[c].append(-1.0)
        self.unit_cols = unit_cols

        # y-columns in the order added map to (item, unit, person, seg): index them
        self._y_of_col = np.full(n_cols, -1, dtype=np.int64)
        self._y_of_col[self.y_cols] = np.arange(len(self.y_cols))
        self.y_item_a = np.array(self.y_item, dtype=np.int64)
        self.y_person_a = np.array(self.y_person, dtype=np.int64)

        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = n_cols, len(row_upper)
        lp.col_cost_ = np.zeros(n_cols)
        lp.col_lower_ = np.zeros(n_cols)
        upper = np.full(n_cols, inf)
        upper[self.integer] = z_upper
        lp.col_upper_ = upper
        lp.row_lower_ = np.array(row_lower, dtype=np.float64)
        lp.row_upper_ = np.array(row_upper, dtype=np.float64)
        starts, index, values = [0], [], []
        for c in range(n_cols):
            index.extend(col_row[c])
            values.extend(col_value[c])
            starts.append(len(index))
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(values, dtype=np.float64)
        if len(self.integer):
            kinds = [highspy.HighsVarType.kContinuous] * n_cols
            for c in self.integer.tolist():
                kinds[c] = highspy.HighsVarType.kInteger
            lp.integrality_ = kinds
        lp.sense_ = highspy.ObjSense.kMaximize
        self.highs = silent_highs()
        self.highs.setOptionValue("mip_rel_gap", 0.0)
        self.highs.setOptionValue("mip_abs_gap", 1e-7)
        # a binary at 1e-6 would let a big-M row leak hours from someone not chosen
        self.highs.setOptionValue("mip_feasibility_tolerance", 1e-9)
        self.highs.passModel(lp)
        self.n_cols = n_cols
        self.n_rows = len(row_upper)
        self.solution = np.zeros(n_cols)

    # -- questions ------------------------------------------------------------------------
    def maximise(self, items: Iterable[int]) -> float:
        """The most hours of `items` that can be served together, with the rows kept."""
        weight = np.zeros(len(self.items))
        weight[list(items)] = 1.0
        cost = np.zeros(self.n_cols)
        cost[self.y_cols] = weight[self.y_item_a]
        return max(self._solve(cost, maximise=True), 0.0)

    def keep(self, items: Iterable[int], at_least: float) -> int | None:
        """From now on, these items together serve at least `at_least` hours (a hair under);
        the row that says so (for `release`), or None when they have no columns."""
        cols = self.y_cols[np.isin(self.y_item_a, list(items))]
        if not len(cols):
            return None
        self.highs.addRow(max(_below(at_least), 0.0), self._h.kHighsInf, len(cols),
                          cols.astype(np.int32), np.ones(len(cols)))
        self.n_rows += 1
        return self.n_rows - 1

    def release(self, row: int | None) -> None:
        """Lift a row `keep` added (rows are never deleted, so indices stay)."""
        if row is not None:
            self.highs.changeRowBounds(row, -self._h.kHighsInf, self._h.kHighsInf)

    def switch(self, items: Iterable[int], on: bool) -> None:
        """Let these items be served (on) or not at all (off)."""
        for i in items:
            for row in self.unit_rows[i]:
                self.highs.changeRowBounds(row, 0.0, self.unit_hours[row] if on else 0.0)

    def pin(self, items: Iterable[int]) -> None:
        """Each unit of these items keeps at least what the last solve served it (all of it,
        when that was within a thousandth of an hour)."""
        for i in items:
            for row in self.unit_rows[i]:
                got = float(self.solution[self.unit_cols[row]].sum()) if self.unit_cols[row] else 0.0
                full = self.unit_hours[row]
                target = full if got >= full - 1e-3 else got
                self.highs.changeRowBounds(row, max(target - 1e-6, 0.0), full)

    def minimise_cost(self, items: Sequence[int]) -> None:
        """Staff `items` (pinned) at least cost, then with the most hours to the lowest ids."""
        mine = np.isin(self.y_item_a, list(items))
        person = self.y_person_a
        cost = np.zeros(self.n_cols)
        cost[self.y_cols[mine]] = self.cost[person[mine]]
        least = self._solve(cost, maximise=False)
        cols = self.y_cols[mine]
        self.highs.addRow(-self._h.kHighsInf, least + 1e-9 * max(1.0, abs(least)), len(cols),
                          cols.astype(np.int32), np.ascontiguousarray(self.cost[person[mine]]))
        self.n_rows += 1
        rank = np.zeros(self.n_cols)
        rank[cols] = person[mine] + 1.0
        self._solve(rank, maximise=False)

    def served(self, item: int) -> float:
        cols = self.y_cols[self.y_item_a == item]
        return float(self.solution[cols].sum())

    def units(self, item: int) -> list[dict[str, float]]:
        """Per unit of the item, the hours each person works on it (person id order)."""
        if item in self.pooled:
            return self._units_filled(item)
        found: list[dict[str, float]] = [defaultdict(float) for _ in self.unit_rows[item]]
        for n in np.flatnonzero(self.y_item_a == item).tolist():
            value = float(self.solution[self.y_cols[n]])
            if value > 0:  # the solver's noise is many tiny values: they add up
                found[self.y_unit[n]][self.people[self.y_person[n]].id] += value
        return [{pid: round(h, 4) for pid, h in sorted(unit.items()) if h > TOLERANCE}
                for unit in found]

    def _units_filled(self, item: int) -> list[dict[str, float]]:
        """One person a unit: each person's hours fill whole units, then one in part (the
        model counts the units each person takes, so they are enough)."""
        count, one = self.pooled[item]
        per_person: dict[str, float] = defaultdict(float)
        for n in np.flatnonzero(self.y_item_a == item).tolist():
            value = float(self.solution[self.y_cols[n]])
            if value > 0:
                per_person[self.people[self.y_person[n]].id] += value
        found: list[dict[str, float]] = []
        for pid, total in sorted(per_person.items()):
            total = round(total, 4)
            while total > TOLERANCE:
                piece = min(total, one)
                found.append({pid: round(piece, 4)})
                total -= piece
                if piece < one - 1e-3:
                    break
        found.sort(key=lambda unit: -sum(unit.values()))  # whole units first
        return [*found, *([{}] * max(count - len(found), 0))]

    def hours_by_segment(self) -> NDArray[np.float64]:
        """Hours per (item, person, segment) in the last solution."""
        out = np.zeros((len(self.items), len(self.people), len(self.bounds) - 1))
        values = self.solution[self.y_cols]
        np.add.at(out, (self.y_item_a, self.y_person_a, np.array(self.y_seg, dtype=np.int64)), values)
        return out

    # -- internals ------------------------------------------------------------------------
    def _solve(self, cost: NDArray[np.float64], *, maximise: bool) -> float:
        h = self._h
        self.highs.changeObjectiveSense(h.ObjSense.kMaximize if maximise else h.ObjSense.kMinimize)
        self.highs.changeColsCost(self.n_cols, np.arange(self.n_cols, dtype=np.int32), cost)
        self.highs.run()
        status = self.highs.getModelStatus()
        if status == h.HighsModelStatus.kModelEmpty or self.n_cols == 0:
            self.solution = np.zeros(self.n_cols)
            return 0.0
        if status != h.HighsModelStatus.kOptimal:
            raise RuntimeError(f"the indivisible-work model has no optimum ({status}): a bug in pmocat")
        self.solution = np.asarray(self.highs.getSolution().col_value)
        info: Any = self.highs.getInfo()
        return float(info.objective_function_value)
