"""Who does the taken requests' work on a book too large to staff in one LP: one window at a time.

Beside staffing.py, for plan.py past `STAFFING_LIMIT`, where one LP over every (person,
day) of every taken request takes minutes. It works on the plan's own max flow (flow.py)
of the book and every taken request, over the network's segments and classes:

1. The flow serves everything: a witness that it all fits together.
2. Each taken request's window (a month, per month), in the plan's order, is taken out of
   the flow and staffed on a small LP (column generation from each line's cheapest people):
   at least cost, then the most hours to the lowest person ids (staffing.least_cost's
   rule), within each person's hours left by the windows staffed before, and within what
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

    def staff(self, items: list[int]) -> Arcs | None:
        """The window's lines at least cost: hours per (item, person, segment). Each line may
        fall short by float noise (a ten-thousandth of an hour): capacities can be exactly tight.

        A person's segments in one class node are alike but for their hours (one cost, one
        node), so the LP has one variable per (line, person, node), within the person's hours
        left in that node's segments of the window; each is then laid over those segments in
        order, which their hours allow."""
        import highspy

        net, flow = self.network, self.flow
        merged = np.append(flow.merged_class, -1)  # class -1: no class, no node
        parts: list[tuple[NDArray[np.int64], ...]] = []
        for r, i in enumerate(items):
            item = net.items[i]
            people = net.qualified[net.pairs.index((item.skill, item.level))]
            for lo, hi in item.intervals:
                lo, hi = max(lo, 0), min(hi, net.length - 1)
                if lo > hi or not len(people):
                    continue
                segs = np.arange(int(net.seg_of_day[lo]), int(net.seg_of_day[hi]) + 1)
                room = net.C[np.ix_(people, segs)] - self.taken[np.ix_(people, segs)]
                node = merged[net.class_of[np.ix_(people, segs)]]
                pj, ps = np.nonzero((room > TOLERANCE) & (node >= 0))
                parts.append((np.full(len(pj), r, dtype=np.int64), people[pj], segs[ps], node[pj, ps]))
        need = np.array([net.items[i].hours for i in items])
        nothing = np.zeros(0, dtype=np.int64)
        if not parts or not sum(len(p[0]) for p in parts):
            return None if need.sum() > TOLERANCE else (nothing, nothing, nothing, np.zeros(0))
        row, who, seg, node = (np.concatenate(x) for x in zip(*parts, strict=True))
        width, n_people = net.C.shape[1], len(net.people)
        # the (person, segment) cells, each once, and the (person, node) each falls in
        cells, first_arc = np.unique(who * width + seg, return_index=True)
        cell_who, cell_seg, cell_node = who[first_arc], seg[first_arc], node[first_arc]
        cell_room = net.C[cell_who, cell_seg] - self.taken[cell_who, cell_seg]
        places, cell_place = np.unique(cell_node * n_people + cell_who, return_inverse=True)
        cell_place = cell_place.reshape(-1)
        place_room = np.bincount(cell_place, weights=cell_room, minlength=len(places))
        nodes, place_node = np.unique(places // n_people, return_inverse=True)
        place_who = places % n_people
        # the arcs: (line, place)
        arcs = np.unique(row * len(places) + np.searchsorted(places, node * n_people + who))
        arc_row, arc_place = arcs // len(places), arcs % len(places)
        arc_who = place_who[arc_place]
        n_items, n_places = len(items), len(places)
        rows = np.stack((arc_row, n_items + arc_place, n_items + n_places + place_node.reshape(-1)[arc_place]),
                        axis=1)
        # least cost, then the lowest ids: a cost in pence per hour outweighs any id's share
        price = self.cost[arc_who] + 1e-6 * (arc_who + 1.0)
        first = flow.first_class
        upper = np.concatenate((need, place_room,
                                np.maximum(flow.capacity[first + nodes] - flow.used[first + nodes], 0.0)))
        inf = highspy.kHighsInf
        lp = highspy.HighsLp()
        # the lines' rows, and one column per line for hours not served, dear enough never to
        # be used while any arc can serve them: the LP is never infeasible, and its duals price
        # the arcs. A place and a class node get a row once an arc in the LP uses it.
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
        inside = np.zeros(len(arcs), dtype=bool)
        order = np.lexsort((arc_who, self.cost[arc_who], arc_row))
        room = place_room[arc_place]
        for r in range(n_items):
            mine = order[arc_row[order] == r]
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
        hours = np.zeros(len(arcs))
        hours[columns] = values[n_items:]
        # each place's hours over its cells in segment order, shared among its lines
        total = np.bincount(arc_place, weights=hours, minlength=n_places)
        by_place = np.argsort(cell_place, kind="stable")  # cells come in segment order already
        before = np.cumsum(cell_room[by_place]) - cell_room[by_place]
        count = np.bincount(cell_place, minlength=n_places)
        start = np.concatenate(([0], np.cumsum(count)))[:-1]
        filled = np.zeros(len(cells))
        filled[by_place] = np.clip(total[cell_place[by_place]] - (before - before[start[cell_place[by_place]]]),
                                   0.0, cell_room[by_place])
        share = filled / np.maximum(total[cell_place], TOLERANCE)
        used = np.flatnonzero(hours > TOLERANCE)
        out: list[tuple[NDArray[np.int64], ...]] = []
        out_hours = []
        for q in used.tolist():
            p = int(arc_place[q])
            mine = by_place[start[p]:start[p] + count[p]]
            mine = mine[filled[mine] > TOLERANCE]
            out.append((np.full(len(mine), items[int(arc_row[q])], dtype=np.int64), cell_who[mine], cell_seg[mine]))
            out_hours.append(hours[q] * share[mine])
        if not out:
            return nothing, nothing, nothing, np.zeros(0)
        item_of, who_of, seg_of = (np.concatenate(x) for x in zip(*out, strict=True))
        return item_of, who_of, seg_of, np.concatenate(out_hours)

    def lay(self, item: NDArray[np.int64], who: NDArray[np.int64], seg: NDArray[np.int64],
            hours: NDArray[np.float64]) -> Arcs:
        """Lay a window's hours per (item, person, segment): off the class nodes' capacities
        in the flow, and on each segment's days in date order, filling each day's free hours
        (whole days rather than slivers of many; levelled over the whole window afterwards).
        A person's several lines in one segment follow one another. Returns (person, item,
        day, hours) per piece."""
        net, flow = self.network, self.flow
        np.add.at(self.taken, (who, seg), hours)
        classes = net.class_of[who, seg]
        np.subtract.at(flow.capacity, flow.first_class + flow.merged_class[classes], hours)
        lengths = net.bounds[seg + 1] - net.bounds[seg]
        person = np.repeat(who, lengths)
        day = ranges(net.bounds[seg], lengths)
        free = np.maximum(net.H[person, day] - self.taken_days[person, day], 0.0)
        # the free hours before each day in its segment, and where each line starts in its
        # person's segment (after the lines before it there)
        first = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
        running = np.cumsum(free)
        before = running - free - np.repeat(running[first] - free[first], lengths)
        cell = who * net.C.shape[1] + seg
        order = np.argsort(cell, kind="stable")
        ahead = np.cumsum(hours[order]) - hours[order]
        starts = np.flatnonzero(np.concatenate(([True], cell[order][1:] != cell[order][:-1])))
        group = np.cumsum(np.concatenate(([True], cell[order][1:] != cell[order][:-1]))) - 1
        offset = np.empty(len(seg))
        offset[order] = ahead - ahead[starts[group]]
        low = np.repeat(offset, lengths)
        high = low + np.repeat(hours, lengths)
        spread = np.clip(high - before, 0.0, free) - np.clip(low - before, 0.0, free)
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
