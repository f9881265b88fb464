"""The LP's columns built in numpy (`LP.__init__`, `LP.add_columns`) against the loops they replaced.

The LP's model must come out the same, entry for entry and in the same order (the
simplex's path, and so which of several equal staffings it finds, depends on the order
of rows and columns): random networks, random batches of (pool, class or person) pairs
with repeats, some before and some after the cost row exists.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmocat.planning.lp import LP
from pmocat.planning.network import Item, Network
from tests.unit.planning_kit import person

DAYS = 10
SKILLS = ("assurance", "reporting", "design")


class LoopLP(LP):
    """The LP with the loop `add_columns` had before it was written in numpy."""

    def __init__(self, network: Network) -> None:
        super().__init__(network)
        self.seen: set[tuple[int, int]] = set()
        self.class_row: dict[int, int] = {}
        self.day_row: dict[tuple[int, int], int] = {}

    def add_columns(self, pools: Any, who: Any) -> int:
        net = self.network
        columns = []
        new_rows: dict[tuple[str, int, int], float] = {}
        for k, w in zip(pools.tolist(), who.tolist(), strict=True):
            if (k, w) in self.seen:
                continue
            self.seen.add((k, w))
            columns.append((k, w))
            if net.pool_focus[k]:
                t = int(net.pool_time[k])
                if (w, t) not in self.day_row:
                    new_rows[("day", w, t)] = float(net.H[w, t])
                c = int(net.class_of[w, net.seg_of_day[t]])
                if c >= 0 and c not in self.class_row:
                    new_rows[("class", c, 0)] = float(net.class_capacity[c])
            elif w not in self.class_row:
                new_rows[("class", w, 0)] = float(net.class_capacity[w])
        if not columns:
            return 0
        if new_rows:
            for kind, a, b in new_rows:
                if kind == "day":
                    self.day_row[(a, b)] = self._day_row_of[a, b] = self.n_rows
                    self._any_day_row = True
                else:
                    self.class_row[a] = self._class_row_of[a] = self.n_rows
                self.n_rows += 1
            n = len(new_rows)
            self.highs.addRows(n, np.full(n, -self._h.kHighsInf), np.array(list(new_rows.values())),
                               0, np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32), np.zeros(0))
        starts: list[int] = []
        index: list[int] = []
        values: list[float] = []
        costs: list[float] = []
        for k, w in columns:
            starts.append(len(index))
            index.append(self.first_pool_row + k)
            values.append(-1.0)
            if net.pool_focus[k]:
                t = int(net.pool_time[k])
                index.append(self.day_row[(w, t)])
                values.append(1.0)
                c = int(net.class_of[w, net.seg_of_day[t]])
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
                           len(index), np.array(starts, dtype=np.int32),
                           np.array(index, dtype=np.int32), np.array(values))
        return n


def model(lp: LP) -> tuple[Any, ...]:
    got = lp.highs.getLp()
    matrix = got.a_matrix_
    return (got.num_col_, got.num_row_, list(got.col_cost_), list(got.col_upper_),
            list(got.row_lower_), list(got.row_upper_), list(matrix.start_),
            list(matrix.index_), list(matrix.value_), lp.y_col, lp.y_pool, lp.y_who)


@st.composite
def networks(draw: st.DrawFn) -> Network:
    people, hours = [], {}
    for j in range(draw(st.integers(1, 5))):
        skills = {s: draw(st.integers(1, 3)) for s in SKILLS if draw(st.booleans())}
        people.append(person(f"p{j}", skills))
        hours[f"p{j}"] = np.array([draw(st.sampled_from((0.0, 2.5, 7.5))) for _ in range(DAYS)])
    items = []
    for n in range(draw(st.integers(1, 7))):
        a = draw(st.integers(0, DAYS - 1))
        b = draw(st.integers(a, DAYS - 1))
        items.append(Item(f"R{n}", 0, draw(st.sampled_from(SKILLS)), draw(st.integers(1, 3)),
                          8.0, ((a, b),), accepted=draw(st.booleans()), focus=draw(st.booleans())))
    return Network(items, people, hours)


def pairs(net: Network, draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    """(pool, who) pairs a pricing round could offer: a book pool's qualified classes, a
    focus pool's qualified people; repeats included."""
    offers = [(k, int(c)) for k in range(net.n_pools) if not net.pool_focus[k]
              for c in net.classes_of_pool(k)]
    offers += [(k, int(p)) for k in range(net.n_pools) if net.pool_focus[k]
               for p in net.qualified[int(net.pool_pair[k])]]
    if not offers:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    chosen = draw(st.lists(st.sampled_from(offers), max_size=25))
    return (np.array([k for k, _ in chosen], dtype=np.int64),
            np.array([w for _, w in chosen], dtype=np.int64))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(net=networks(), data=st.data())
def test_add_columns_builds_the_model_the_loop_did(net: Network, data: st.DataObject) -> None:
    fast, loop = LP(net), LoopLP(net)
    for round_ in range(3):
        pools, who = pairs(net, data.draw)
        assert fast.add_columns(pools, who) == loop.add_columns(pools, who)
        if round_ == 1:  # the cost row, as least-cost staffing adds it: focus columns join it
            for lp in (fast, loop):
                focus = [n for n, k in enumerate(lp.y_pool) if net.pool_focus[k]]
                lp.cost_row = lp._add_row([lp.y_col[n] for n in focus],
                                          lp.cost[[lp.y_who[n] for n in focus]])
        assert model(fast) == model(loop)
        assert fast.n_rows == loop.n_rows and fast.n_cols == loop.n_cols
        assert (fast._day_row_of == loop._day_row_of).all()
        assert (fast._class_row_of == loop._class_row_of).all()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(net=networks())
def test_x_columns_are_built_as_the_loop_did(net: Network) -> None:
    lp = LP(net)
    starts: list[int] = []
    index: list[int] = []
    for i, k in zip(net.x_item.tolist(), net.x_pool.tolist(), strict=True):
        starts.append(len(index))
        index.extend((i, lp.first_pool_row + k))
        if net.items[i].accepted:
            index.append(lp.floor_row)
    matrix = lp.highs.getLp().a_matrix_
    assert list(matrix.start_) == [*starts, len(index)]
    assert list(matrix.index_) == index
    assert list(matrix.value_) == [1.0] * len(index)
