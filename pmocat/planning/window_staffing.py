"""Who does the taken requests' work on a book too large to staff in one LP: one window at a time.

Beside staffing.py, for plan.py past `STAFFING_LIMIT`, where one LP over every (person,
day) of every taken request takes minutes. It works on the plan's own max flow (flow.py)
of the book and every taken request, over the network's segments and classes:

1. The flow serves everything: a witness that it all fits together.
2. Each taken request's window (a month, per month), in the plan's order, is taken out of
   the flow and staffed on a small LP over (line, person, segment of the window): at least
   cost, then the most hours to the lowest person ids (staffing.least_cost's rule), within
   each person's hours in each segment left by the windows staffed before, and within what
   the flow leaves of each class's capacity. Its own flow was a way to fit it, so one
   exists. Its hours then come off those classes' capacities, and the flow, still serving
   everything else, stays a witness for the windows after it.
3. The book's flow is laid on its classes' people around the taken work (`spread_book`),
   and each person's taken hours levelled over their windows (`level_all`).

Least cost per window, given the windows before it: not for the whole book at once, as
the one LP gives. docs/decisions/0006-one-staffing-rule.md says when each is used.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

from pmocat.planning.flow import BookFlow
from pmocat.planning.lp import silent_highs
from pmocat.planning.network import TOLERANCE, Network
from pmocat.planning.runs import ranges
from pmocat.planning.staffing import Assignment, BookStaffing, level_all, spread_book

if TYPE_CHECKING:
    from collections.abc import Sequence

    from numpy.typing import NDArray

    from pmocat.models import Request
    from pmocat.planning.book import Planner

    #: hours per (item, person, segment), or per (person, item, day), as four arrays
    Arcs = tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]


def staff_by_window(planner: Planner, requests: Sequence[Request]) -> BookStaffing | None:
    """Staff every taken request, window by window (see the module docstring); None when
    the book and the requests do not fit together (not for requests the plan took)."""
    book = planner.accepted_items()
    taken = []
    for request in requests:
        service = planner.cat.services[request.service]
        _, _, cut = planner.windows(request, service, accepted=False)
        taken.extend(planner.items(request, service, cut))
    network = Network([*book, *taken], planner.cat.people.values(), planner.hours)
    flow = BookFlow(network)
    every = range(len(network.items))
    flow.open(every)
    flow.augment(every)
    if flow.short(range(len(book), len(network.items))) > TOLERANCE * max(1.0, float(flow.hours.sum())):
        return None
    windows: dict[tuple[str, tuple[tuple[int, int], ...]], list[int]] = defaultdict(list)
    for i in range(len(book), len(network.items)):
        windows[(network.items[i].request, network.items[i].intervals)].append(i)
    state = _State(network, flow)
    laid = []
    for items in windows.values():
        flow.close(items)
        found = state.staff(items)
        if found is None:
            return None
        laid.append(state.lay(*found))
    person, item, day, hours = (np.concatenate(x) for x in zip(*laid, strict=True)) if laid else \
        (np.zeros(0, dtype=np.int64),) * 3 + (np.zeros(0),)
    order = np.lexsort((day, item, person))
    person, item, day, hours = person[order], item[order], day[order], hours[order]
    starts = np.flatnonzero(np.diff(person * len(network.items) + item, prepend=-1))
    assignments = []
    ends = [*starts[1:].tolist(), len(order)] if len(starts) else []
    for a, b in zip(starts.tolist(), ends, strict=True):
        days: dict[int, float] = defaultdict(float)
        for d, h in zip(day[a:b].tolist(), hours[a:b].tolist(), strict=True):
            days[d] += h
        i = int(item[a])
        assignments.append(Assignment(network.people[int(person[a])].id, i, network.items[i].skill,
                                      float(hours[a:b].sum()), dict(days)))
    busy = spread_book(network, state.book_hours(), state.taken_days)
    level_all(network, assignments, busy)
    for a in assignments:
        j = state.row[a.person]
        for d, h in a.days.items():
            busy[j, d] += h
    return BookStaffing(network, assignments, busy)


class _State:
    """The flow, the taken work laid so far (per person and segment, and per day), and the
    LP for one window."""

    def __init__(self, network: Network, flow: BookFlow) -> None:
        self.network, self.flow = network, flow
        self.row = {p.id: j for j, p in enumerate(network.people)}
        self.cost = np.array([float(p.cost_per_hour) for p in network.people])
        self.taken = np.zeros(network.C.shape)  # hours per person and segment
        self.taken_days = np.zeros(network.H.shape)  # the same, per day

    def node(self, j: int, s: int) -> int:
        """The flow's (merged) class node of person j in segment s, or -1."""
        c = int(self.network.class_of[j, s])
        return int(self.flow.merged_class[c]) if c >= 0 else -1

    def staff(self, items: list[int]) -> Arcs | None:
        """The window's lines at least cost: hours per (item, person, segment). Each line may
        fall short by float noise (a ten-thousandth of an hour): capacities can be exactly tight.

        First without the class nodes: one variable per (line, person), within the person's
        hours over the window, and each person's hours then laid segment by segment within
        what the nodes leave. When they fit, that is the optimum (the nodes only take
        choices away); when they do not, the whole LP over (line, person, segment)."""
        import highspy

        net, flow = self.network, self.flow
        merged = np.append(flow.merged_class, -1)  # class -1: no class, no node
        parts: list[tuple[NDArray[np.int64], ...]] = []
        for r, i in enumerate(items):
            item = net.items[i]
            people = net.qualified[net.pairs.index((item.skill, item.level))]
            for a, b in item.intervals:
                a, b = max(a, 0), min(b, net.length - 1)
                if a > b or not len(people):
                    continue
                segs = np.arange(int(net.seg_of_day[a]), int(net.seg_of_day[b]) + 1)
                room = net.C[np.ix_(people, segs)] - self.taken[np.ix_(people, segs)]
                node = merged[net.class_of[np.ix_(people, segs)]]
                pj, ps = np.nonzero((room > TOLERANCE) & (node >= 0))
                parts.append((np.full(len(pj), r, dtype=np.int64), people[pj], segs[ps], node[pj, ps]))
        need = np.array([net.items[i].hours for i in items])
        if not parts or not sum(len(p[0]) for p in parts):
            nothing = np.zeros(0, dtype=np.int64)
            return None if need.sum() > TOLERANCE else (nothing, nothing, nothing, np.zeros(0))
        row, who, seg, node = (np.concatenate(x) for x in zip(*parts, strict=True))
        items_of = np.array(items, dtype=np.int64)
        fast = self._by_person(row, who, seg, node, need)
        if fast is not None:
            return items_of[fast[0]], fast[1], fast[2], fast[3]
        cells, cell = np.unique(who * net.C.shape[1] + seg, return_inverse=True)
        nodes, at_node = np.unique(node, return_inverse=True)
        n_items, n_cells = len(items), len(cells)
        # each arc's rows: its line, its person in its segment, its class node
        rows = np.stack((row, n_items + cell.reshape(-1), n_items + n_cells + at_node.reshape(-1)), axis=1)
        # least cost, then the lowest ids: a cost in pence per hour outweighs any id's share
        price = self.cost[who] + 1e-6 * (who + 1.0)
        cell_who, cell_seg = cells // net.C.shape[1], cells % net.C.shape[1]
        first = flow.first_class
        inf = highspy.kHighsInf
        upper = np.concatenate((need, net.C[cell_who, cell_seg] - self.taken[cell_who, cell_seg],
                                np.maximum(flow.capacity[first + nodes] - flow.used[first + nodes], 0.0)))
        lp = highspy.HighsLp()
        # the lines' rows, and one column per line for hours not served, dear enough never to
        # be used while any arc can serve them: the LP is never infeasible, and its duals price
        # the arcs. A person's segment and a class node get a row once an arc in the LP uses it.
        lp.num_col_, lp.num_row_ = n_items, n_items
        lp.col_cost_ = np.full(n_items, 1e6)
        lp.col_lower_ = np.zeros(n_items)
        lp.col_upper_ = np.full(n_items, inf)
        lp.row_lower_ = np.maximum(need - np.maximum(1e-7 * need, 1e-4), 0.0)
        lp.row_upper_ = need
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.arange(n_items + 1, dtype=np.int32)
        lp.a_matrix_.index_ = np.arange(n_items, dtype=np.int32)
        lp.a_matrix_.value_ = np.ones(n_items)
        highs = silent_highs()
        highs.passModel(lp)
        lp_row = np.full(len(upper), -1, dtype=np.int64)
        lp_row[:n_items] = np.arange(n_items)
        n_rows = n_items
        # column generation: start from each line's cheapest arcs, add those whose reduced
        # cost is negative until none is: the optimum over every arc
        inside = np.zeros(len(row), dtype=bool)
        order = np.lexsort((who, self.cost[who], row))
        room = upper[rows[:, 1]]
        for r in range(n_items):
            mine = order[row[order] == r]
            enough = np.searchsorted(np.cumsum(room[mine]), 2 * need[r]) + 1
            inside[mine[:enough]] = True
        fresh = np.flatnonzero(inside)
        columns = np.zeros(0, dtype=np.int64)  # the arcs in the LP, in its column order
        while len(fresh):
            new_rows = np.unique(rows[fresh])
            new_rows = new_rows[lp_row[new_rows] < 0]
            if len(new_rows):
                highs.addRows(len(new_rows), np.full(len(new_rows), -inf), upper[new_rows], 0,
                              np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32), np.zeros(0))
                lp_row[new_rows] = n_rows + np.arange(len(new_rows))
                n_rows += len(new_rows)
            k = len(fresh)
            highs.addCols(k, price[fresh], np.zeros(k), np.full(k, inf), 3 * k,
                          np.arange(0, 3 * k, 3, dtype=np.int32), lp_row[rows[fresh]].reshape(-1).astype(np.int32),
                          np.ones(3 * k))
            columns = np.concatenate((columns, fresh))
            highs.run()
            if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                return None
            dual = np.zeros(len(upper))
            present = lp_row >= 0
            dual[present] = np.asarray(highs.getSolution().row_dual)[lp_row[present]]
            reduced = price - dual[rows].sum(axis=1)
            fresh = np.flatnonzero(~inside & (reduced < -1e-9))
            inside[fresh] = True
        values = np.asarray(highs.getSolution().col_value)
        if values[:n_items].sum() > 1e-6 * max(1.0, float(need.sum())):
            return None
        hours = values[n_items:]
        kept = hours > TOLERANCE
        chosen = columns[kept]
        return items_of[row[chosen]], who[chosen], seg[chosen], hours[kept]

    def _by_person(self, row: NDArray[np.int64], who: NDArray[np.int64], seg: NDArray[np.int64],
                   node: NDArray[np.int64], need: NDArray[np.float64]) -> Arcs | None:
        """The LP without the class nodes, laid within them segment by segment; None when
        they do not let it be laid (then they bind, and the whole LP is needed)."""
        import highspy

        net, flow = self.network, self.flow
        width = net.C.shape[1]
        cells, first_arc = np.unique(who * width + seg, return_index=True)
        cell_who, cell_seg, cell_node = who[first_arc], seg[first_arc], node[first_arc]
        cell_room = net.C[cell_who, cell_seg] - self.taken[cell_who, cell_seg]
        people, person_of_cell = np.unique(cell_who, return_inverse=True)
        person_room = np.bincount(person_of_cell.reshape(-1), weights=cell_room, minlength=len(people))
        pairs = np.unique(row * len(net.people) + who)
        pair_row, pair_who = pairs // len(net.people), pairs % len(net.people)
        n_items, n = len(need), len(pairs)
        at = np.searchsorted(people, pair_who)
        inf = highspy.kHighsInf
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = n, n_items + len(people)
        lp.col_cost_ = self.cost[pair_who] + 1e-6 * (pair_who + 1.0)
        lp.col_lower_ = np.zeros(n)
        lp.col_upper_ = np.full(n, inf)
        lp.row_lower_ = np.concatenate((np.maximum(need - np.maximum(1e-7 * need, 1e-4), 0.0),
                                        np.full(len(people), -inf)))
        lp.row_upper_ = np.concatenate((need, person_room))
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.arange(0, 2 * n + 1, 2, dtype=np.int32)
        lp.a_matrix_.index_ = np.stack((pair_row, n_items + at), axis=1).reshape(-1).astype(np.int32)
        lp.a_matrix_.value_ = np.ones(2 * n)
        highs = silent_highs()
        highs.passModel(lp)
        highs.run()
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        x = np.asarray(highs.getSolution().col_value)
        total = np.bincount(at, weights=x, minlength=len(people))
        # each person's hours, segment by segment, within their segment and their node
        node_room = {int(k): max(float(flow.capacity[flow.first_class + k] - flow.used[flow.first_class + k]), 0.0)
                     for k in np.unique(cell_node).tolist()}
        take = np.zeros(len(cells))
        bounds = np.flatnonzero(np.diff(person_of_cell.reshape(-1), prepend=-1))
        for p, a, b in zip(range(len(people)), bounds.tolist(), [*bounds[1:].tolist(), len(cells)], strict=True):
            left = float(total[p])
            for c in range(a, b):
                if left <= TOLERANCE:
                    break
                k = int(cell_node[c])
                got = min(left, float(cell_room[c]), node_room[k])
                take[c], left = got, left - got
                node_room[k] -= got
            if left > 1e-6 * max(1.0, float(total[p])):
                return None
        # each person's hours in a segment shared among their lines as their totals are
        share = take / np.maximum(total[person_of_cell.reshape(-1)], TOLERANCE)
        used = x > TOLERANCE
        out_r, out_j, out_s, out_h = [], [], [], []
        for q in np.flatnonzero(used).tolist():
            p = int(at[q])
            mine = np.arange(bounds[p], bounds[p + 1] if p + 1 < len(bounds) else len(cells))
            mine = mine[take[mine] > TOLERANCE]
            out_r.append(np.full(len(mine), pair_row[q]))
            out_j.append(cell_who[mine])
            out_s.append(cell_seg[mine])
            out_h.append(x[q] * share[mine])
        if not out_r:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
        return (np.concatenate(out_r), np.concatenate(out_j), np.concatenate(out_s), np.concatenate(out_h))

    def lay(self, item: NDArray[np.int64], who: NDArray[np.int64], seg: NDArray[np.int64],
            hours: NDArray[np.float64]) -> Arcs:
        """Lay a window's hours per (item, person, segment): off the class nodes' capacities
        in the flow, and over each segment's days in proportion to each person's free hours
        there (levelled over the whole window afterwards). Returns (person, item, day,
        hours) per piece."""
        net, flow = self.network, self.flow
        np.add.at(self.taken, (who, seg), hours)
        classes = net.class_of[who, seg]
        np.subtract.at(flow.capacity, flow.first_class + flow.merged_class[classes], hours)
        lengths = net.bounds[seg + 1] - net.bounds[seg]
        person = np.repeat(who, lengths)
        day = ranges(net.bounds[seg], lengths)
        free = np.maximum(net.H[person, day] - self.taken_days[person, day], 0.0)
        piece = np.repeat(np.arange(len(seg)), lengths)
        # each piece takes the same share of each day's free hours: a segment's pieces of one
        # person (several lines) add up to no more than its free hours, as they do in all
        free_sum = np.bincount(piece, weights=free, minlength=len(seg))
        spread = free * np.repeat(hours / np.maximum(free_sum, TOLERANCE), lengths)
        np.add.at(self.taken_days, (person, day), spread)
        keep = spread > TOLERANCE
        return person[keep], np.repeat(item, lengths)[keep], day[keep], spread[keep]

    def book_hours(self) -> NDArray[np.float64]:
        """The book's hours per class of the network: each flow node's, shared among its
        classes in order, each up to what the taken work leaves of it."""
        net, flow = self.network, self.flow
        out = np.zeros(len(net.class_capacity))
        left = {n: float(flow.used[flow.first_class + n]) for n in np.unique(flow.merged_class).tolist() if n >= 0}
        for c in range(len(net.class_capacity)):
            n = int(flow.merged_class[c])
            if n < 0 or left.get(n, 0.0) <= TOLERANCE:
                continue
            members = net.members[net.member_start[c]:net.member_start[c + 1]]
            room = float(net.class_capacity[c] - self.taken[members, int(net.class_seg[c])].sum())
            out[c] = min(max(room, 0.0), left[n])
            left[n] -= out[c]
        return out
