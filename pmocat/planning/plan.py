"""The book of work (spec §5): which new requests to take, on top of the accepted ones.

The greedy plan builds one network with every request in it and takes the candidates in
priority order: one weighted solve decides a run of them, up to the first declined (see
`take_in_turn`), each a bound change and a warm re-solve. `optimize` finds the exact best
choice (`choose_best`, combinatorial Benders): lexicographically by count per priority,
or by revenue.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np

from pmocat.planning.book import Planner
from pmocat.planning.capacity import TOLERANCE, Item, Network, silent_highs
from pmocat.planning.window import Reason, day_words, refusals
from pmocat.render.money import money

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from numpy.typing import NDArray

    from pmocat.models import Request


#: requests weighed together in one solve of the greedy plan (see `take_in_turn`)
RUN = 20


@dataclass
class Decision:
    request: Request
    taken: bool
    reasons: list[Reason] = field(default_factory=list)
    short_hours: float = 0.0
    price: Decimal | None = None


@dataclass
class Utilisation:
    person: str
    week: str
    booked_hours: float
    available_hours: float


@dataclass
class Plan:
    decisions: list[Decision]
    utilisation: list[Utilisation]

    @property
    def taken(self) -> list[str]:
        return [d.request.id for d in self.decisions if d.taken]


@dataclass
class _Candidate:
    decision: Decision
    items: list[int] = field(default_factory=list)


def _order(request: Request) -> tuple[int, date, str]:
    return (request.priority, request.due or date.max, request.id)


def _screen(planner: Planner, request: Request) -> tuple[Decision, list[Item]]:
    """Steps 1, 2 and 4 of can-take: refusals that need no capacity arithmetic."""
    service = planner.cat.services.get(request.service)
    decision = Decision(request, False)
    if service is None:
        decision.reasons, _ = refusals(request, None, [], [], planner.today, planner.today)
        return decision, []
    first, due, windows = planner.windows(request, service, accepted=False)
    decision.reasons, _ = refusals(request, service, planner.ingredients_of(service), windows,
                                   first, due)
    decision.price = service.price_of(request.quantity, planner.pmo.day_hours)
    if request.budget is not None and request.budget < decision.price:
        currency = planner.pmo.currency
        decision.reasons.append(Reason(
            "over-budget", f"the price, {money(decision.price, currency)}, is over the budget of "
            f"{money(request.budget, currency)}"))
    if decision.reasons:
        return decision, []
    return decision, planner.items(request, service, windows)


def _shortfall(network: Network, items: list[int], served: list[float], request: Request
               ) -> tuple[list[Reason], float]:
    """Declined for want of hours: how short, by skill and level, given what each item got."""
    short: dict[tuple[str, int], float] = defaultdict(float)
    for i, got in zip(items, served, strict=True):
        item = network.items[i]
        short[(item.skill, item.level)] += max(item.hours - got, 0.0)
    reasons = [
        Reason("skill-shortfall",
               f"short {hours:.4g} h of {skill} (level {level}+) by {day_words(request.due) if request.due else 'the end of its last month'}",
               {"skill": skill, "level": level, "short_hours": round(hours, 2)})
        for (skill, level), hours in sorted(short.items()) if hours > 1e-4
    ]
    return reasons, sum(short.values())


def make_plan(planner: Planner, optimize: str | None = None, *, run: int = RUN,
              progress: Callable[[str], None] | None = None) -> Plan:
    """Decide every new request (spec §5): greedy in priority order, or the exact best set.

    `run` is how many requests one solve of the greedy plan weighs together (1: a solve
    per request, as the benchmark compares). `progress` hears, now and then, how far it
    has got, in words.
    """
    new = sorted((r for r in planner.cat.requests.values() if r.status == "new"), key=_order)
    book = planner.accepted_items()
    items = list(book)
    candidates: list[_Candidate] = []
    for request in new:
        decision, own = _screen(planner, request)
        candidate = _Candidate(decision, list(range(len(items), len(items) + len(own))))
        items.extend(own)
        candidates.append(candidate)
    network = Network(items, list(planner.cat.people.values()), planner.hours)
    for i in range(len(book), len(items)):
        network.set_demand(i, 0.0, 0.0)
    network.set_floor(network.maximise(range(len(book))))
    viable = [c for c in candidates if c.items]
    if optimize is None:
        _greedy(network, viable, run, progress)
    else:
        _optimise(network, viable, optimize, progress)
    taken_items = [i for c in viable if c.decision.taken for i in c.items]
    network.maximise([*range(len(book)), *taken_items])
    return Plan([c.decision for c in candidates], _utilisation(planner, network))


def take_in_turn(network: Network, groups: Sequence[Sequence[int]], run: int = RUN,
                 progress: Callable[[str], None] | None = None) -> list[list[float] | None]:
    """The greedy plan: each group of items is taken when it fits in full with those before.

    Returns, per group, None when it is taken (its items stay served, their bounds pinned
    at their demand), or the hours each of its items got, the most they can get together
    on top of the groups taken before it, when it is not (its items then switched off).

    One solve decides a whole run of groups. With the rest held, the hours the groups can
    be served form a polymatroid (flows from several sources to one sink), so maximising
    Σ w_k × served_k with weights falling strictly in the greedy order gives Edmonds'
    greedy vertex: each group, in turn, served the most it can get on top of those before
    it. Up to the first that falls short, every group is served in full (taken); that one
    is served exactly its most, and the next solve starts after it. So there is a solve
    per group declined, not one per group, each from the last one's basis.
    """
    found: list[list[float] | None] = []
    while len(found) < len(groups):
        if progress:
            progress(f"Deciding which new requests to take: {len(found)} of {len(groups)}")
        batch = groups[len(found) : len(found) + run]
        items = [i for group in batch for i in group]
        for i in items:
            network.set_demand(i, 0.0, network.items[i].hours)
        network.maximise(items, [float(len(batch) - k) for k, group in enumerate(batch)
                                 for _ in group])
        network.prune()  # the columns this solve left out: cheaper iterations for the next
        for group in batch:
            served = [network.served(i) for i in group]
            demand = sum(network.items[i].hours for i in group)
            if sum(served) >= demand - TOLERANCE * max(1.0, demand):
                found.append(None)
                for i, got in zip(group, served, strict=True):
                    # kept served: at what this solve gave it, its demand to the tolerance
                    floor = min(network.items[i].hours - TOLERANCE, got)
                    network.set_demand(i, max(floor, 0.0), network.items[i].hours)
                continue
            found.append(served)
            for i in group:
                network.set_demand(i, 0.0, 0.0)
            break
    return found


def _greedy(network: Network, viable: list[_Candidate], run: int,
            progress: Callable[[str], None] | None) -> None:
    outcomes = take_in_turn(network, [c.items for c in viable], run, progress)
    for candidate, served in zip(viable, outcomes, strict=True):
        if served is None:
            candidate.decision.taken = True
        else:
            candidate.decision.reasons, candidate.decision.short_hours = _shortfall(
                network, candidate.items, served, candidate.decision.request)


def choose_best(network: Network, groups: Sequence[Sequence[int]],
                levels: Sequence[Sequence[float]],
                progress: Callable[[str], None] | None = None) -> list[bool]:
    """The exact best choice of groups to serve in full: lexicographically by `levels`.

    Each level weighs the groups (a count per priority: 1 for the groups of that priority,
    or a price); the choice is the best for the first level, then, among those, for the
    next, and so on. Solved by combinatorial Benders: a small MILP over one binary per
    group proposes a choice; one max-flow solve of the whole network checks it; a choice
    that does not fit yields a cut from that solve's duals (`Network.cut`), and the MILP
    proposes again. The first choice that fits is the best, since the MILP only ever
    leaves out choices that cannot fit. Returns, per group, whether it is chosen.
    """
    import highspy

    n = len(groups)
    hours = [sum(network.items[i].hours for i in group) for group in groups]
    master = silent_highs()
    master.setOptionValue("mip_rel_gap", 0.0)
    master.setOptionValue("mip_abs_gap", 1e-9)
    # a group with an item that no one can ever work cannot be chosen
    never = [any(not network.item_cols[i] and network.items[i].hours > 0 for i in group)
             for group in groups]
    upper = np.array([0.0 if no else 1.0 for no in never])
    master.addVars(n, np.zeros(n), upper)
    master.changeColsIntegrality(n, np.arange(n, dtype=np.int32),
                                 np.array([highspy.HighsVarType.kInteger] * n))
    master.changeObjectiveSense(highspy.ObjSense.kMaximize)
    every = np.arange(n, dtype=np.int32)
    chosen = np.zeros(n, dtype=bool)
    checked = 0
    for weight in (np.asarray(level, dtype=np.float64) for level in levels):
        if not weight.any():
            continue
        # among equals, the fewest groups of later levels: smaller checks, same best
        tie = np.where(weight == 0, -0.5 / max(n, 1) * float(weight[weight > 0].min()), 0.0)
        master.changeColsCost(n, every, weight + tie)
        while True:
            if progress:
                progress(f"Finding the best set of requests: {checked} sets checked")
            checked += 1
            master.run()
            chosen = np.asarray(master.getSolution().col_value) > 0.5
            if _fits(network, groups, hours, chosen):
                break
            a, b = network.cut(groups)
            if a[chosen].sum() > b + 1e-6 * max(1.0, abs(b)):
                master.addRow(-highspy.kHighsInf, b + 1e-6 * max(1.0, abs(b)), n, every, a)
            else:  # the duals fell short of a cut: rule out this very choice
                master.addRow(-highspy.kHighsInf, float(chosen.sum()) - 1.0, int(chosen.sum()),
                              every[chosen], np.ones(int(chosen.sum())))
        best = float(weight @ chosen)
        # keep this level's best while the next levels are chosen
        master.addRow(best - 1e-6 * max(1.0, best), highspy.kHighsInf, n, every, weight)
    return [bool(c) for c in chosen]


def _fits(network: Network, groups: Sequence[Sequence[int]], hours: Sequence[float],
          chosen: NDArray[np.bool_]) -> bool:
    """Whether the chosen groups can all be served in full together (one max flow)."""
    items: list[int] = []
    for group, on in zip(groups, chosen, strict=True):
        for i in group:
            network.set_demand(i, 0.0, network.items[i].hours if on else 0.0)
        if on:
            items.extend(group)
    demand = sum(h for h, on in zip(hours, chosen, strict=True) if on)
    if not items:
        return True
    return network.maximise(items) >= demand - TOLERANCE * max(1.0, demand)


def _optimise(network: Network, viable: list[_Candidate], goal: str,
              progress: Callable[[str], None] | None) -> None:
    """The exact best set (`choose_best`), then how short each request left out is."""
    if goal == "revenue":
        levels = [[float(c.decision.price or 0) for c in viable]]
    else:
        levels = [[1.0 if c.decision.request.priority == level else 0.0 for c in viable]
                  for level in range(1, 6)]
    chosen = choose_best(network, [c.items for c in viable], levels, progress)
    taken_items: list[int] = []
    for candidate, take in zip(viable, chosen, strict=True):
        candidate.decision.taken = take
        for i in candidate.items:
            network.set_demand(i, 0.0, network.items[i].hours if take else 0.0)
        if take:
            taken_items.extend(candidate.items)
    network.maximise(taken_items)
    network.pin(taken_items)
    for candidate in viable:
        if candidate.decision.taken:
            continue
        for i in candidate.items:
            network.set_demand(i, 0.0, network.items[i].hours)
        network.maximise(candidate.items)
        served = [network.served(i) for i in candidate.items]
        reasons, short = _shortfall(network, candidate.items, served, candidate.decision.request)
        if short <= TOLERANCE:  # it would fit: it adds nothing to the goal (a price of 0)
            reasons = [Reason("crowded-out", "it would fit, but it adds nothing to what is "
                              "being made the most of")]
        candidate.decision.reasons, candidate.decision.short_hours = reasons, short
        for i in candidate.items:
            network.set_demand(i, 0.0, 0.0)


def _utilisation(planner: Planner, network: Network) -> list[Utilisation]:
    """Booked / available hours per person per ISO week, over the weeks the book spans."""
    cal = planner.cal
    booked: dict[str, np.ndarray] = {pid: np.zeros(cal.length) for pid in planner.cat.people}
    for (pid, _), by_day in network.allocation().items():
        for day, hours in by_day.items():
            booked[pid][day] += hours
    last = max((b for it in network.items for _, b in it.intervals), default=0)
    weeks: dict[str, list[int]] = defaultdict(list)
    for day in range(0, min(last + 1, cal.length)):
        iso = cal.day(day).isocalendar()
        weeks[f"{iso[0]}-W{iso[1]:02d}"].append(day)
    found = []
    for pid in sorted(planner.cat.people):
        available = planner.hours[pid]
        for week, in_week in weeks.items():
            found.append(Utilisation(pid, week, round(float(booked[pid][in_week].sum()), 2),
                                     round(float(available[in_week].sum()), 2)))
    return found
