"""The book of work as a max flow, solved by augmenting paths and kept between questions.

`pmocat plan` asks one question hundreds of times: with these requests switched on, how
much more can be served on top of the accepted work and the requests taken so far? The
LP (lp.py) answers it exactly, but a cold solve of a large book is far slower
(docs/performance.md), and the book on its own needs none of what the LP is for (costs,
focus days, parametric questions): it is a plain max flow,

    source ──hours──▶ item ──▶ pool ──▶ class ──capacity──▶ sink

over the `Network`'s segments, pools and classes (network.py). This module keeps the
flow itself and improves it by Dinic's algorithm:

- **A smaller graph, exactly.** Pools reached by exactly the same items are one node;
  classes reached from exactly the same pools are one node, their capacities added.
  Neither merge changes a max flow: nodes with the same neighbours are interchangeable
  when the edges between the layers are uncapacitated.
- **Dinic's phases.** A phase searches the residual graph breadth-first from the items
  still short, level by level in numpy, until it has seen as much residual capacity to
  the sink as they lack; cuts that level graph down to the arcs on some augmenting path;
  and pushes a blocking flow through it: path by path in plain Python when the level
  graph is small (numpy's cost per call then outweighs its speed per item), in waves,
  level by level in numpy, when it is large. Phases stop when a search meets no residual
  capacity to the sink: the flow is maximum, and what that search reached is the source
  side of a minimum cut (`cut`). The search reads forward arcs from a fixed index and
  backward ones from an index of the edges that carry flow (`_BackwardArcs`).
- **State between questions.** Augmenting from some items never lowers what any other
  item is served (no path from an item to the sink passes through the source), so the
  greedy plan is one augmentation per request on top of the last, and switching a
  request off cancels its own flow and nothing else. The one exception is asked for:
  items marked `spare` (requests not decided yet) count as residual capacity to the
  sink, their hours taken back for those augmented, so an augmentation gets what it
  would with them gone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from pmocat.planning.network import TOLERANCE
from pmocat.planning.runs import Runs, ranges

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from numpy.typing import NDArray

    from pmocat.planning.network import Network

#: flows below this are zero (hours; far below any hours a person is booked)
_EPS = 1e-9
#: waves per phase, at most: after that, what is still held back goes back to the roots
#: and the next phase searches again (cheaper than waves that move a few hours each)
_WAVES = 10
#: a phase's search goes at most this many levels past the first with residual capacity
#: to the sink
_AHEAD = 4
#: offer rounds per level and wave
_ROUNDS = 2
#: level graphs with at most this many arcs get their blocking flow path by path, in
#: plain Python (`_blocking_flow_by_paths`); larger ones in numpy's waves
#: (`_blocking_flow_by_waves`)
_SMALL = 4000


class _Layer:
    """The level graph's arcs from one level into the next, for `_blocking_flow_by_waves`."""

    def __init__(self, flow: BookFlow, arcs: NDArray[np.int64], unbounded: float) -> None:
        self.arcs = arcs  # by tail (the search goes through its frontier in order)
        self.tails, self.heads = flow.arc_tail[arcs], flow.arc_head[arcs]
        self.residual = np.minimum(flow.residual[arcs], unbounded)
        self.carried = np.zeros(len(arcs))
        self.back = np.argsort(self.heads, kind="stable")  # the arcs by head
        self.by_tail = Runs.of(self.tails)
        self.by_head = Runs.of(self.heads[self.back])
        self.tail_nodes, self.head_nodes = self.by_tail.keys, self.by_head.keys

    def move(self, excess: NDArray[np.float64], sent_by_head: NDArray[np.float64],
             cap: NDArray[np.float64] | None = None) -> float:
        """Send hours over the arcs (given in head order; negative: back), moving excess
        (and taking what the heads got off `cap`); returns how much was sent."""
        sent = np.empty_like(sent_by_head)
        sent[self.back] = sent_by_head
        self.residual -= sent
        self.carried += sent
        excess[self.tail_nodes] -= self.by_tail.total(sent)
        got = self.by_head.total(sent_by_head)
        excess[self.head_nodes] += got
        if cap is not None:
            cap[self.head_nodes] -= got
        return float(got.sum())


class _BackwardArcs:
    """The backward residual arcs that may have residual capacity (their edge carries
    flow), indexed by tail.

    A superset, kept cheaply: the arcs whose edge carried flow at the last rebuild, by
    tail, plus those whose edge has taken flow since (`add`, in a short list scanned
    whole). `refresh` rebuilds when that list has grown, and `out_of` keeps only the arcs
    with residual capacity now.
    """

    def __init__(self, flow: BookFlow) -> None:
        self.flow = flow
        self.known = np.zeros(flow.n_edges, dtype=bool)  # edges indexed or pending
        self.mark = np.zeros(flow.n_nodes, dtype=np.int64)  # = tick: among the nodes asked about
        self.tick = 0
        self.pending: list[NDArray[np.int64]] = []
        self.n_pending = 0
        self._rebuild()

    def _rebuild(self) -> None:
        flow = self.flow
        self.known = flow.flow > _EPS
        edges = np.flatnonzero(self.known)
        order = np.argsort(flow.edge_head[edges], kind="stable")
        self.arcs = (flow.n_edges + edges[order]).astype(np.int32)  # as the graph's arcs
        self.start = np.searchsorted(flow.edge_head[edges[order]], np.arange(flow.n_nodes + 1))
        self.pending, self.n_pending = [], 0
        self.extra = self.extra_tails = self.arcs[:0]

    def add(self, forward: NDArray[np.int64]) -> None:
        """These forward arcs carried flow: their backward arcs may now have residual capacity."""
        edges = np.unique(forward[~self.known[forward]])  # a forward arc's number is its edge's
        if len(edges):
            self.known[edges] = True
            self.pending.append((self.flow.n_edges + edges).astype(np.int32))
            self.n_pending += len(edges)

    def refresh(self) -> _BackwardArcs:
        if self.n_pending > 64 + len(self.arcs) // 64:
            self._rebuild()
        elif self.pending:
            self.extra = np.concatenate((self.extra, *self.pending))
            self.extra_tails = self.flow.arc_tail[self.extra]
            self.pending = []
        return self

    def out_of(self, nodes: NDArray[np.int64]) -> NDArray[Any]:
        """The backward arcs out of these nodes that have residual capacity."""
        flow = self.flow
        lo = self.start[nodes]
        arcs = self.arcs[ranges(lo, self.start[nodes + 1] - lo)]
        if len(self.extra):
            self.tick += 1
            self.mark[nodes] = self.tick
            arcs = np.concatenate((arcs, self.extra[self.mark[self.extra_tails] == self.tick]))
        return arcs[flow.residual[arcs] > _EPS]


class BookFlow:
    """A max flow of the network's items, kept and improved in place.

    - `open(items)`: these items ask for their full hours; `close(items)`: for nothing
      (their flow is cancelled).
    - `augment(items) -> float`: push all that can still be pushed from these items, on
      top of what every item is served now; returns how much was added. Hours of items
      marked in `spare` (never these items) may be taken back for them.
    - `served[i]`, `short(items)`: the flow as it stands.
    - `cut(groups, floor)`: after an augmentation that left items short, a condition every
      set of groups that fits with the book must meet (combinatorial Benders).
    - `class_hours()`: hours booked per class of the `Network`, for who works when.
    """

    def __init__(self, network: Network) -> None:
        self.network = network
        n_items = len(network.items)
        self.hours = np.array([it.hours for it in network.items], dtype=np.float64)
        self.accepted = np.array([it.accepted for it in network.items], dtype=bool)
        self._unbounded = float(self.hours.sum()) + 1.0  # more than any arc will carry

        # pools reached by the same items are one node (numbered in order of appearance)
        first_seen = np.full(network.n_pools, len(network.x_pool), dtype=np.int64)
        np.minimum.at(first_seen, network.x_pool, np.arange(len(network.x_pool)))
        merged_pool, pool_of_x, item_of_x = _merge_alike(network.x_pool, network.x_item,
                                                         network.n_pools, first_seen)
        n_pools = int(merged_pool.max(initial=-1)) + 1
        by_item = np.lexsort((pool_of_x, item_of_x))
        item_of_x, pool_of_x = item_of_x[by_item], pool_of_x[by_item]

        # classes reached from the same (merged) pools are one node, their capacities added
        pools_of, classes_of = network.pool_class_pairs()
        merged = merged_pool[pools_of]
        del pools_of  # the largest arrays here are per (pool, class) pair: one at a time
        keep = (merged >= 0) & (network.class_capacity[classes_of] > TOLERANCE)
        merged = merged[keep]
        n_all = len(network.class_capacity)
        self.merged_class, class_of_y, pool_of_y = _merge_alike(
            classes_of[keep], merged, n_all, np.arange(n_all, dtype=np.int64))
        del merged, keep
        n_classes = int(self.merged_class.max(initial=-1)) + 1

        # nodes: items, then pools, then classes; edges: x (item→pool), then y (pool→class);
        # node and edge numbers fit 32 bits: half the memory of the graph's index arrays
        self.first_pool, self.first_class = n_items, n_items + n_pools
        self.n_nodes = n_items + n_pools + n_classes
        self.n_x = n_x = len(item_of_x)
        tail: NDArray[Any] = np.empty(n_x + len(pool_of_y), dtype=np.int32)
        head: NDArray[Any] = np.empty(n_x + len(pool_of_y), dtype=np.int32)
        tail[:n_x], tail[n_x:] = item_of_x, self.first_pool + pool_of_y
        head[:n_x], head[n_x:] = self.first_pool + pool_of_x, self.first_class + class_of_y
        del class_of_y, pool_of_y
        self.edge_tail, self.edge_head = tail, head
        # each residual arc's residual capacity: a forward arc's is unbounded, a backward
        # arc's is its edge's flow (`flow` is the second half, a view)
        self.residual = np.concatenate((np.full(len(tail), np.inf), np.zeros(len(tail))))
        self.flow = self.residual[len(tail) :]
        # each node's capacity to the sink: a class's hours (items and pools have none)
        self.capacity = np.zeros(self.n_nodes)
        useful = self.merged_class >= 0
        np.add.at(self.capacity, self.first_class + self.merged_class[useful],
                  network.class_capacity[useful])
        self.used = np.zeros(self.n_nodes)
        self.demand = np.zeros(n_items)
        self.served = np.zeros(n_items)
        #: items whose hours an augmentation may take back (those not decided yet)
        self.spare = np.zeros(n_items, dtype=bool)

        # residual arcs: each edge forwards (arc e, unbounded) and backwards (arc
        # n_edges + e, with residual capacity while the edge carries flow)
        n_edges = len(tail)
        self.n_edges = n_edges
        # (an arc's edge is its number, less n_edges for a backward arc)
        self.arc_tail = np.concatenate((tail, head))
        self.arc_head = np.concatenate((head, tail))
        # the forward arcs by tail; the backward ones, in `_BackwardArcs`
        # (the x-edges come by item and every item is numbered before every pool, so they
        # stay where they are; the y-edges by pool, stably, follow: also each pool's
        # y-edges for cancelling flow)
        y_tail = tail[self.n_x :]
        self._y_order = (self.n_x + np.argsort(y_tail, kind="stable")).astype(np.int32)
        self._fwd = np.concatenate((np.arange(self.n_x, dtype=np.int32), self._y_order))
        self._fwd_start = np.zeros(self.n_nodes + 1, dtype=np.int64)
        np.cumsum(np.bincount(tail, minlength=self.n_nodes), out=self._fwd_start[1:])
        self._backward = _BackwardArcs(self)
        # each item's x-edges and each pool's y-edges, for cancelling flow
        self._x_start = np.searchsorted(tail[: self.n_x], np.arange(n_items + 1))
        self._y_start = np.searchsorted(tail[self._y_order], self.first_pool + np.arange(n_pools + 1))

    # -- switching items on and off -------------------------------------------------------
    def open(self, items: Iterable[int]) -> None:
        """These items ask for their full hours (augment to serve them)."""
        for i in items:
            self.demand[i] = self.hours[i]

    def close(self, items: Iterable[int]) -> None:
        """These items ask for nothing: their flow is cancelled, freeing what it used."""
        for i in items:
            self.demand[i] = 0.0
            if self.served[i] > 0:
                self._cancel(i)

    def short(self, items: Iterable[int]) -> float:
        """How many hours these items lack of what they ask for."""
        index = np.fromiter(items, dtype=np.int64)
        return float(np.maximum(self.demand[index] - self.served[index], 0.0).sum())

    def _cancel(self, item: int) -> None:
        """Take all of an item's flow back out, pool by pool, class by class."""
        for e in range(int(self._x_start[item]), int(self._x_start[item + 1])):
            amount = float(self.flow[e])
            if amount <= 0:
                continue
            self.flow[e] = 0.0
            p = int(self.edge_head[e]) - self.first_pool
            edges = self._y_order[self._y_start[p] : self._y_start[p + 1]]
            flows = self.flow[edges]
            take = np.clip(amount - (np.cumsum(flows) - flows), 0.0, flows)
            self.flow[edges] = flows - take
            np.subtract.at(self.used, self.edge_head[edges], take)
        self.served[item] = 0.0

    # -- the max flow ---------------------------------------------------------------------
    def augment(self, items: Iterable[int]) -> float:
        """Push all that can still be pushed from these items; returns how much was added."""
        roots = np.unique(np.fromiter(items, dtype=np.int64))  # ascending: arcs come by tail
        added = 0.0
        while True:
            roots = roots[self.demand[roots] - self.served[roots] > _EPS]
            if not len(roots):
                return added
            to_sink = self._residual_to_sink()
            levels, arcs = self._prune(*self._level_graph(roots, stop=True, to_sink=to_sink)[:2],
                                       to_sink=to_sink)
            if not arcs:
                return added  # no augmenting path: the flow is as big as it gets
            small = sum(len(level) for level in arcs) <= _SMALL
            blocking_flow = self._blocking_flow_by_paths if small else self._blocking_flow_by_waves
            pushed = blocking_flow(levels, arcs, to_sink)
            if pushed <= _EPS:
                return added
            added += pushed

    def _level_graph(self, roots: NDArray[np.int64], *, stop: bool,
                     to_sink: NDArray[np.float64] | None = None
                     ) -> tuple[list[NDArray[np.int64]], list[NDArray[np.int64]], NDArray[np.bool_]]:
        """Breadth-first over the residual graph from `roots`.

        Returns the level graph (the nodes of each level, and the residual arcs from each
        level into the next) and what was reached. With `stop`, it ends after the level
        where the residual capacity to the sink seen (classes', spare items') reaches what
        the roots lack, or `_AHEAD` levels past the first with any (deeper paths wait for a
        later phase).
        """
        seen = np.zeros(self.n_nodes, dtype=bool)
        seen[roots] = True
        levels, level_arcs = [roots], []
        wanted = float((self.demand[roots] - self.served[roots]).sum())
        frontier = roots
        backward = self._backward.refresh()
        if to_sink is None:
            to_sink = self._residual_to_sink()
        first_exit = None
        while len(frontier):
            arcs = backward.out_of(frontier)
            if frontier[0] < self.first_class:  # items and pools have forward arcs, classes none
                lengths = self._fwd_start[frontier + 1] - self._fwd_start[frontier]
                arcs = np.concatenate((self._fwd[ranges(self._fwd_start[frontier], lengths)], arcs))
            heads = self.arc_head[arcs]
            open_ = ~seen[heads]
            arcs, heads = arcs[open_], heads[open_]
            if not len(arcs):
                break
            if len(heads) * 64 < self.n_nodes:
                heads.sort()
                frontier = heads[np.concatenate(([True], heads[1:] != heads[:-1]))]
            else:
                fresh = np.zeros(self.n_nodes, dtype=bool)
                fresh[heads] = True
                frontier = np.flatnonzero(fresh)
            seen[frontier] = True
            levels.append(frontier)
            level_arcs.append(arcs)
            if stop:
                found = float(to_sink[frontier].sum())
                wanted -= found
                if found > 0 and first_exit is None:
                    first_exit = len(levels)
                if wanted <= _EPS or (first_exit is not None and len(levels) - first_exit >= _AHEAD):
                    break
        return levels, level_arcs, seen

    def _residual_to_sink(self) -> NDArray[np.float64]:
        """Each node's residual capacity to the sink: a class's free hours; a spare item's
        hours, to be taken back.

        Float dust (at most `_EPS`) is none: every reader of it (the search's stop, the
        pruning, the push) then agrees on which nodes have any.
        """
        to_sink = np.maximum(self.capacity - self.used, 0.0)
        to_sink[: len(self.served)] = np.where(self.spare, self.served, 0.0)
        to_sink[to_sink <= _EPS] = 0.0
        return to_sink

    def _prune(self, levels: list[NDArray[np.int64]], level_arcs: list[NDArray[np.int64]], *,
               to_sink: NDArray[np.float64]) -> tuple[list[NDArray[np.int64]], list[NDArray[np.int64]]]:
        """The level graph cut down to the arcs on some augmenting path."""
        alive = to_sink > _EPS
        kept: list[NDArray[np.int64]] = []
        for arcs in reversed(level_arcs):
            arcs = arcs[alive[self.arc_head[arcs]]]
            alive[self.arc_tail[arcs]] = True
            kept.append(arcs)
        while kept and not len(kept[0]):
            kept.pop(0)  # the deepest levels, with no residual capacity to the sink beyond them
        kept = [arcs[np.argsort(self.arc_tail[arcs], kind="stable")] for arcs in reversed(kept)]
        return [levels[0], *(nodes[alive[nodes]] for nodes in levels[1 : len(kept) + 1])], kept

    def _blocking_flow_by_waves(self, levels: list[NDArray[np.int64]], level_arcs: list[NDArray[np.int64]],
                                to_sink: NDArray[np.float64]) -> float:
        """A blocking flow through the level graph, from its roots to the sink.

        Waves, each all in numpy level by level. First, bottom up, the most each node could
        pass on (its residual capacity to the sink and over its arcs). Forwards, every node
        sends what it can to the sink and pushes its excess on over its arcs in turn, no
        node sent more than it could pass on (what a head turns down is offered round its
        tail's other arcs once more); backwards, every node left with excess is closed and
        returns it over the arcs that brought it. It ends when no node but a root has
        excess, or after `_WAVES` waves, every excess returned to the roots.
        """
        roots = levels[0]
        excess = np.zeros(self.n_nodes)
        excess[roots] = self.demand[roots] - self.served[roots]
        wanted = float(excess.sum())
        to_sink = to_sink.copy()
        closed = np.zeros(self.n_nodes, dtype=bool)
        layers = [_Layer(self, arcs, wanted + 1.0) for arcs in level_arcs]
        exits = [nodes[to_sink[nodes] > 0] for nodes in levels]  # with capacity to the sink, by level
        waves = 0
        while True:
            bound = np.where(closed, 0.0, to_sink)
            for layer in reversed(layers):
                bound[layer.tail_nodes] += layer.by_tail.total(np.minimum(layer.residual, bound[layer.heads]))
            bound[closed] = 0.0
            cap = bound.copy()  # what each node may still take in this wave
            for depth, nodes in enumerate(exits):
                if depth and len(nodes):
                    keep = np.minimum(excess[nodes], to_sink[nodes])
                    to_sink[nodes] -= keep
                    self.used[nodes] += keep
                    excess[nodes] -= keep
                if depth == len(layers):
                    break
                layer = layers[depth]
                for _ in range(_ROUNDS):  # offers a head turns down go to the next arcs
                    if not (excess[layer.tail_nodes] > _EPS).any():
                        break
                    offer = layer.by_tail.fill(excess[layer.tail_nodes], np.minimum(layer.residual, cap[layer.heads]))
                    sent = layer.by_head.fill(cap[layer.head_nodes], offer[layer.back])
                    if layer.move(excess, sent, cap) <= _EPS:
                        break
            overflowing = [nodes[excess[nodes] > _EPS] for nodes in levels[1:]]
            if not any(len(nodes) for nodes in overflowing):
                break
            waves += 1
            last = waves >= _WAVES  # enough: return every excess to the roots
            for depth in range(len(overflowing), 0, -1):
                nodes = levels[depth][excess[levels[depth]] > _EPS] if last else overflowing[depth - 1]
                if not len(nodes):
                    continue
                closed[nodes] = True
                layer = layers[depth - 1]
                returned = np.where(closed[layer.head_nodes], excess[layer.head_nodes], 0.0)
                layer.move(excess, -layer.by_head.fill(returned, layer.carried[layer.back]))
                excess[nodes] = 0.0  # all of it went back, to float dust
            if last:
                break
        got = self.demand[roots] - self.served[roots] - excess[roots]
        return self._settle(np.concatenate([layer.arcs for layer in layers]),
                            np.concatenate([layer.carried for layer in layers]), roots, got)

    def _blocking_flow_by_paths(self, levels: list[NDArray[np.int64]], level_arcs: list[NDArray[np.int64]],
                                to_sink: NDArray[np.float64]) -> float:
        """A blocking flow as `_blocking_flow_by_waves` makes (the same effects, not always
        the same paths), found augmenting path by augmenting path in plain Python.

        Dinic's depth-first search: from each root in turn, follow each node's arcs in
        order (a current-arc pointer per node that only moves on) to a node with residual
        capacity to the sink, and push the least of what the root lacks, the path's
        residual capacity and the node's to the sink; an arc that has no residual capacity
        left, or leads only to nodes that are spent, is passed for good. On a small level
        graph this beats the waves, whose every step costs numpy a call.
        """
        arcs = np.concatenate(level_arcs)
        tail, head = self.arc_tail[arcs].tolist(), self.arc_head[arcs].tolist()
        residual = np.minimum(self.residual[arcs], self._unbounded).tolist()
        out: dict[int, list[int]] = {}
        for j, t in enumerate(tail):
            out.setdefault(t, []).append(j)
        inner = np.concatenate(levels[1:])
        exit_ = {int(v): r for v, r in zip(inner.tolist(), to_sink[inner].tolist(), strict=True) if r > 0}
        current = dict.fromkeys(out, 0)  # each node's current arc: the next to try
        carried = [0.0] * len(tail)
        kept: dict[int, float] = {}
        roots = levels[0]
        wanted = (self.demand[roots] - self.served[roots]).tolist()
        got = [0.0] * len(wanted)
        for n, root in enumerate(roots.tolist()):
            need = wanted[n]
            while need > _EPS:
                path: list[int] = []
                node = root
                while node == root or exit_.get(node, 0.0) <= _EPS:
                    choices, i = out.get(node, ()), current.get(node, 0)
                    while i < len(choices) and residual[choices[i]] <= _EPS:
                        i += 1
                    if i < len(choices):
                        current[node] = i
                        path.append(choices[i])
                        node = head[choices[i]]
                        continue
                    current[node] = i  # spent: nothing more gets through it
                    if not path:
                        break
                    node = tail[path.pop()]
                    current[node] += 1
                if not path:
                    break
                push = min(need, exit_[node], *(residual[j] for j in path))
                for j in path:
                    residual[j] -= push
                    carried[j] += push
                exit_[node] -= push
                kept[node] = kept.get(node, 0.0) + push
                need -= push
            got[n] = wanted[n] - need
        if kept:
            self.used[list(kept)] += list(kept.values())
        return self._settle(arcs, np.array(carried), roots, np.array(got))

    def _settle(self, arcs: NDArray[np.int64], carried: NDArray[np.float64],
                roots: NDArray[np.int64], got: NDArray[np.float64]) -> float:
        """A blocking flow's end: what each arc carried onto its edge, the hours that
        spare items gave up off what they are served, and what the roots got onto theirs;
        returns that."""
        # no edge is in the level graph twice (both ways would need two levels each
        # below the other), so the flow moves by plain assignment
        forward = arcs < self.n_edges
        edges = np.where(forward, arcs, arcs - self.n_edges)
        self.flow[edges] = np.maximum(self.flow[edges] + np.where(forward, carried, -carried), 0.0)
        self._backward.add(arcs[forward & (carried > 0)])
        taken_back = self.used[: len(self.served)]  # by spare items: they give up as much
        if taken_back.any():
            self.served -= taken_back
            taken_back[:] = 0.0
        self.served[roots] += got
        return float(got.sum())

    # -- what the flow says ---------------------------------------------------------------
    def cut(self, groups: Sequence[Sequence[int]], floor: float,
            roots: Sequence[int] | None = None) -> tuple[NDArray[np.float64], float]:
        """A condition every choice of groups that fits with the book must meet.

        Returns (a, b): groups z (z_g = 1 when group g is served in full; the accepted
        items ask for their hours and together are served at least `floor`) fit only if
        Σ a_g z_g ≤ b. It is the minimum cut of the flow as it stands: S, what can still
        be reached from the items short of hours, is closed under the uncapacitated edges,
        so any flow is at most the hours of the items outside S plus the capacity of the
        classes inside it. An item that asks for nothing now joins S when all its pools
        are in it (which costs this cut nothing and tells the most about the others).

        With `roots` (items short of hours), S is what can be reached from those alone:
        the argument holds for any S closed under the edges, and one bottleneck's cut says
        more than the sum of all of them.
        """
        short = np.nonzero(self.demand - self.served > _EPS)[0]
        if roots is not None:
            short = np.intersect1d(short, np.asarray(roots, dtype=np.int64))
        _, _, reached = self._level_graph(short, stop=False)
        inside = reached[: len(self.demand)].copy()
        x_in = reached[self.edge_head[: self.n_x]]
        all_in = np.ones(len(self.demand), dtype=bool)
        np.logical_and.at(all_in, self.edge_tail[: self.n_x], x_in)
        has_pool = np.zeros(len(self.demand), dtype=bool)
        has_pool[self.edge_tail[: self.n_x]] = True
        inside |= all_in & has_pool & (self.demand <= 0)
        weight = np.where(inside, self.hours, 0.0)
        a = np.array([float(weight[list(g)].sum()) for g in groups])
        b = float(self.capacity[reached].sum() + self.hours[self.accepted & ~inside].sum() - floor)
        return a, b

    def reach(self, items: Sequence[int]) -> NDArray[np.int64]:
        """The items that the residual graph reaches from these (they among them)."""
        roots = np.unique(np.asarray(items, dtype=np.int64))
        _, _, reached = self._level_graph(roots, stop=False)
        return np.flatnonzero(reached[: len(self.demand)])

    def class_hours(self) -> NDArray[np.float64]:
        """Hours booked per class of the network (a merged node's, poured into its classes)."""
        network = self.network
        booked = np.zeros(len(network.class_capacity))
        useful = np.nonzero(self.merged_class >= 0)[0]
        if not len(useful):
            return booked
        node = self.first_class + self.merged_class[useful]
        order = np.argsort(node, kind="stable")
        useful, node = useful[order], node[order]
        runs = Runs.of(node)
        booked[useful] = runs.fill(self.used[runs.keys], network.class_capacity[useful])
        return booked


def _merge_alike(owner: NDArray[np.int64], member: NDArray[np.int64], n_owners: int,
                 rank: NDArray[np.int64]
                 ) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """Owners with exactly the same members are one node, from (owner, member) pairs.

    Returns each owner's node (-1 for an owner with no members), the nodes numbered in
    order of their lowest `rank`; and each node's members, sorted, as (node, member)
    pairs in node order. Owners are compared exactly, row by row, those with as many
    members at a time: arrays throughout, however many owners there are.
    """
    node = np.full(n_owners, -1, dtype=np.int64)
    if not len(owner):
        return node, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    width = int(member.max()) + 1
    pairs = owner * width + member
    pairs.sort()  # by owner, then member
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]  # each pair once
    members, owner_of_pair = pairs % width, pairs // width
    del pairs
    start = np.flatnonzero(np.concatenate(([True], owner_of_pair[1:] != owner_of_pair[:-1])))
    owners = owner_of_pair[start]
    degree = np.diff(np.append(start, len(members)))
    group = np.empty(len(owners), dtype=np.int64)
    n_groups = 0
    for d in np.unique(degree).tolist():
        these = np.flatnonzero(degree == d)
        rows = members[start[these, None] + np.arange(d)]
        alike = _alike_rows(rows)
        group[these] = n_groups + alike
        n_groups += int(alike.max()) + 1
    lowest = np.full(n_groups, np.iinfo(np.int64).max)
    np.minimum.at(lowest, group, rank[owners])
    order = np.argsort(lowest, kind="stable")
    number = np.empty(n_groups, dtype=np.int64)
    number[order] = np.arange(n_groups)
    node[owners] = number[group]
    # each node's members: those of any one of its owners (they are the same)
    one = np.empty(n_groups, dtype=np.int64)
    one[group] = np.arange(len(owners))
    one = one[order]
    return node, np.repeat(np.arange(n_groups), degree[one]), members[ranges(start[one], degree[one])]


def _alike_rows(rows: NDArray[np.int64]) -> NDArray[np.int64]:
    """Each row's group among equal rows (numbered from 0), compared exactly.

    Rows are told apart by two 64-bit hashes, sorted as integers (numpy's unique over
    rows sorts them as raw bytes, several times slower), and every row is then compared
    with its group's first: should two different rows share both hashes, the rows are
    grouped by numpy's unique instead.
    """
    if len(rows) <= 1:
        return np.zeros(len(rows), dtype=np.int64)
    mix = np.random.default_rng(rows.shape[1]).integers(1, 2**63, size=(2, rows.shape[1]),
                                                          dtype=np.uint64) | np.uint64(1)
    values = rows.astype(np.uint64)
    first, second = (values * mix[0]).sum(axis=1), (values * mix[1]).sum(axis=1)
    order = np.lexsort((second, first))
    first, second = first[order], second[order]
    new = np.ones(len(rows), dtype=bool)
    new[1:] = (first[1:] != first[:-1]) | (second[1:] != second[:-1])
    sorted_group = np.cumsum(new) - 1
    group = np.empty(len(rows), dtype=np.int64)
    group[order] = sorted_group
    leader = order[np.flatnonzero(new)]
    if not np.array_equal(rows, rows[leader[group]]):
        _, alike = np.unique(rows, axis=0, return_inverse=True)
        return alike.reshape(-1).astype(np.int64)
    return group

