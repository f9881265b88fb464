"""The book of work (spec §5): which new requests to take, on top of the accepted ones.

Both plans run on one max flow of every request (`BookFlow`, flow.py), kept between
questions. The greedy plan starts from one joint max flow of every candidate, then takes
them in priority order: each is augmented on top of those taken before it, taking back
hours from those after it if it must, and switched off again, with its exact shortfall,
when it falls short (`take_in_turn`). `optimize` finds the exact best choice
(`choose_best`, combinatorial Benders): lexicographically by count per priority, or by
revenue.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from pmocat.errors import PmocatError
from pmocat.planning.book import Planner
from pmocat.planning.flow import BookFlow
from pmocat.planning.indivisible import in_play
from pmocat.planning.lp import silent_highs
from pmocat.planning.network import TOLERANCE, Item, Network
from pmocat.planning.reasons import CrowdedOut, Reason, SkillShortfall
from pmocat.planning.staffing import skill_groups, split_short, staff_taken, window_days
from pmocat.planning.window import over_budget, refusals
from pmocat.planning.window_staffing import staff_by_window

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from numpy.typing import NDArray

    from pmocat.models import Request


@dataclass
class Decision:
    request: Request
    taken: bool
    reasons: list[Reason] = field(default_factory=list)
    short_hours: float = 0.0
    price: Decimal | None = None
    #: the first day its work could start (its window's start), when it has a service
    start: date | None = None


@dataclass(frozen=True)
class Progress:
    """How far make_plan has got: `done` of `total` new requests decided in turn (the
    greedy plan), or `done` sets of requests checked (--optimize, no total)."""

    stage: Literal["deciding", "choosing"]
    done: int
    total: int | None = None


@dataclass(slots=True)
class Utilisation:
    person: str
    week: str
    booked_hours: float
    available_hours: float


@dataclass(frozen=True)
class StaffLine:
    """Who works a taken request's skill, how many hours, from when to when."""

    request: str
    person: str
    skill: str
    hours: float
    first: date
    last: date
    #: hours per calendar month (first day of the month), for a per_month service
    months: tuple[tuple[date, float], ...]


@dataclass(frozen=True)
class SkillLoad:
    """One skill's booked hours against its qualified people's hours in the weeks it has work."""

    skill: str
    people: int
    first: date
    last: date
    booked_hours: float
    available_hours: float


@dataclass
class Plan:
    decisions: list[Decision]
    utilisation: list[Utilisation]
    #: who does each taken request (filled by `staff_plan`; empty until then)
    staffing: list[StaffLine] = field(default_factory=list)
    #: per skill, in the weeks its work lies (filled by `staff_plan`)
    by_skill: list[SkillLoad] = field(default_factory=list)
    #: whether `staff_plan` staffed the taken requests (False: not asked, or too large)
    staffed: bool = False
    #: with a time limit (--optimize --time-limit): how far the set taken may be below the
    #: best possible, as a share of the best possible's bound (0.0: proved the best), for
    #: the goal (or, by priority, the level) it stopped at; None without a time limit
    gap: float | None = None
    #: the priority level `gap` is about (--optimize priority), else None
    gap_level: int | None = None

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
    """Steps 1, 2 and 4 of can-take: refusals that need no capacity arithmetic, and the
    request's demand items (whenever it has a window, refused or not)."""
    service = planner.cat.services.get(request.service)
    decision = Decision(request, False)
    if service is None:
        decision.reasons, _ = refusals(request, None, [], [], planner.today, planner.today,
                                       cal=planner.cal, today=planner.today)
        return decision, []
    first, due, windows = planner.windows(request, service, accepted=False)
    decision.start = first
    decision.reasons, _ = refusals(request, service, planner.ingredients_of(service), windows,
                                   first, due, cal=planner.cal, today=planner.today)
    decision.price = service.price_of(request.quantity, planner.pmo.day_hours)
    too_dear = over_budget(request, service, planner.pmo.day_hours, planner.pmo.currency)
    if too_dear is not None:
        decision.reasons.append(too_dear)
    return decision, planner.items(request, service, windows)


def _parts(network: Network, items: list[int]) -> list[list[int]]:
    """A request's items by skill and level, in the order its shortfall is split (staffing.py)."""
    return [group for _, group in skill_groups(network, items, window_days(network, items))]


def _shortfall(network: Network, items: list[int], served: list[float], decision: Decision
               ) -> tuple[list[Reason], float]:
    """Declined for want of hours: how short, by skill and level, given what each item got
    when its skills were served in turn (`serve_parts`), the rule can-take uses too."""
    groups = skill_groups(network, items, window_days(network, items))
    needed = {i: network.items[i].hours for i in items}
    got = dict(zip(items, served, strict=True))
    found = split_short(groups, needed, got)
    # the same window as can-take names: from the earliest start to the due date
    reasons: list[Reason] = [SkillShortfall(s.skill, s.level, s.short_hours, decision.request.due,
                                            decision.start)
                             for s in found if s.short_hours > 1e-4]
    return reasons, sum(max(needed[i] - got[i], 0.0) for i in items)


def serve_parts(flow: BookFlow, group: Sequence[int], parts: Sequence[Sequence[int]]) -> list[float]:
    """Serve a group's items part by part, each as fully as it can be on top of the parts
    before it (the lexicographic order of the shortfall split); the hours each item got.
    The group's flow is cancelled first and left in place after."""
    flow.close(group)
    flow.open(group)
    for part in parts:
        flow.augment(part)
    return [float(flow.served[i]) for i in group]


def make_plan(planner: Planner, optimize: str | None = None, *,
              progress: Callable[[Progress], None] | None = None,
              time_limit: float | None = None) -> Plan:
    """Decide every new request (spec §5): greedy in priority order, or the exact best set.

    `progress` hears, now and then, how far it has got. With `time_limit` (seconds, with
    `optimize`), the search for the best set stops then with the best set found, and the
    plan says how far below the best possible it may be (`Plan.gap`).
    """
    new = sorted((r for r in planner.cat.requests.values() if r.status == "new"), key=_order)
    book = planner.accepted_items()
    items = list(book)
    candidates: list[_Candidate] = []
    for request in new:
        decision, own = _screen(planner, request)
        own = [] if decision.reasons else own
        candidate = _Candidate(decision, list(range(len(items), len(items) + len(own))))
        items.extend(own)
        candidates.append(candidate)
    network = Network(items, list(planner.cat.people.values()), planner.hours)
    flow = BookFlow(network)
    flow.open(range(len(book)))
    floor = flow.augment(range(len(book)))
    viable = [c for c in candidates if c.items]
    choice: Choice | None = None
    if optimize is not None and in_play(items):
        raise PmocatError(
            "--optimize does not weigh max_people yet (work that cannot be split, on a "
            "recipe line of a service in play); plan without --optimize answers it exactly")
    if optimize is None and in_play(items):
        _greedy_whole(planner, flow, len(book), viable, progress)
    elif optimize is None:
        _greedy(flow, viable, progress)
    else:
        choice = _optimise(flow, floor, viable, optimize, progress, time_limit)
    plan = Plan([c.decision for c in candidates], _utilisation(planner, network, flow))
    if choice is not None and time_limit is not None:
        plan.gap = choice.gap
        plan.gap_level = None if optimize == "revenue" or choice.level is None else choice.level + 1
    return plan


def take_in_turn(flow: BookFlow, groups: Sequence[Sequence[int]],
                 progress: Callable[[Progress], None] | None = None,
                 parts: Callable[[Sequence[int]], Sequence[Sequence[int]]] | None = None
                 ) -> list[list[float] | None]:
    """The greedy plan: each group of items is taken when it fits in full with those before.

    Returns, per group, None when it is taken (its items stay served in full), or the
    hours each of its items got, the most they can get together on top of the groups
    taken before it, when it is not (its flow then cancelled).

    First every group is switched on and served what one joint max flow gives it: most
    groups that will be taken are served in full there already. Then, in turn, each group
    is augmented from its own items, which never takes an hour from the book or from a
    group before it, but may take back hours of the groups after it (`BookFlow.spare`):
    it gets exactly what it would with them not there, usually over far shorter paths.
    With `parts` (a group's items in parts, in order), a group that falls short is served
    again part by part (`serve_parts`), so the hours it got say how its shortfall splits.
    """
    undecided = [i for group in groups for i in group]
    flow.open(undecided)
    flow.augment(undecided)
    flow.spare[undecided] = True
    found: list[list[float] | None] = []
    for n, group in enumerate(groups):
        if progress and n % 10 == 0:
            progress(Progress("deciding", n, len(groups)))
        flow.spare[list(group)] = False
        flow.augment(group)
        if _served_in_full(flow, group):
            found.append(None)
            continue
        found.append(serve_parts(flow, group, parts(group)) if parts else
                     [float(flow.served[i]) for i in group])
        flow.close(group)
    return found


def serve_in_turn(flow: BookFlow, groups: Sequence[Sequence[int]]) -> list[float]:
    """Each group served as fully as it can be, keeping what the groups before it got.

    Returns the hours each group is served: the lexicographically largest, group by group
    in the order given (what `LP.lexicographic` gives, exactly). As in `take_in_turn`,
    every group first gets what one joint max flow gives it, then each in turn is
    augmented from its own items, taking back hours of the groups after it (`spare`) but
    never of those before it; a group left short keeps what it got.
    """
    every = [i for group in groups for i in group]
    flow.open(every)
    flow.augment(every)
    flow.spare[every] = True
    for group in groups:
        flow.spare[list(group)] = False
        flow.augment(group)
    return [float(flow.served[list(group)].sum()) for group in groups]


def _greedy(flow: BookFlow, viable: list[_Candidate],
            progress: Callable[[Progress], None] | None) -> None:
    outcomes = take_in_turn(flow, [c.items for c in viable], progress,
                            lambda group: _parts(flow.network, list(group)))
    for candidate, served in zip(viable, outcomes, strict=True):
        if served is None:
            candidate.decision.taken = True
        else:
            candidate.decision.reasons, candidate.decision.short_hours = _shortfall(
                flow.network, candidate.items, served, candidate.decision)


@dataclass(frozen=True)
class Choice:
    """What `choose_within` found: per group, whether it is chosen; and, when the time ran
    out, the level it stopped at (an index into the levels) with the share of that level's
    bound the choice may fall short by (`gap`: 0.0 when the choice is proved the best)."""

    chosen: list[bool]
    gap: float = 0.0
    level: int | None = None


def _greedy_whole(planner: Planner, flow: BookFlow, book: int, viable: list[_Candidate],
                  progress: Callable[[Progress], None] | None) -> None:
    """The greedy plan when a line says max_people: decided on the mixed-integer model
    (whole_book.py); the taken requests, which fit whole, fit shared too, so the max flow
    then serves them in full for the report's load."""
    from pmocat.planning.whole_book import take_whole_in_turn

    network = flow.network
    outcomes = take_whole_in_turn(planner, network.items, book, [c.items for c in viable],
                                  lambda group: _parts(network, list(group)),
                                  lambda n: progress(Progress("deciding", n, len(viable)))
                                  if progress else None)
    for candidate, served in zip(viable, outcomes, strict=True):
        if served is None:
            candidate.decision.taken = True
            flow.open(candidate.items)
            flow.augment(candidate.items)
        else:
            candidate.decision.reasons, candidate.decision.short_hours = _shortfall(
                network, candidate.items, served, candidate.decision)


def choose_best(flow: BookFlow, floor: float, groups: Sequence[Sequence[int]],
                levels: Sequence[Sequence[float]],
                progress: Callable[[Progress], None] | None = None) -> list[bool]:
    """The exact best choice of groups to serve in full (`choose_within` with no time limit)."""
    return choose_within(flow, floor, groups, levels, progress).chosen


def choose_within(flow: BookFlow, floor: float, groups: Sequence[Sequence[int]],
                  levels: Sequence[Sequence[float]],
                  progress: Callable[[Progress], None] | None = None,
                  time_limit: float | None = None) -> Choice:
    """The exact best choice of groups to serve in full: lexicographically by `levels`.

    Each level weighs the groups (a count per priority: 1 for the groups of that priority,
    or a price); the choice is the best for the first level, then, among those, for the
    next, and so on. Solved by combinatorial Benders: a small MILP over one binary per
    group proposes a choice; the max flow, switched to that choice and augmented, checks
    it; a choice that does not fit yields a cut (`BookFlow.cut`: a bottleneck's capacity
    against the demand that must cross it), and the MILP proposes again. The MILP only
    ever leaves out choices that cannot fit, so what it proposes is worth at least the
    best that fits: a proposal that fits is the best, and so is a choice known to fit
    (the groups a failed check served in full, when they keep the earlier levels' best)
    worth as much as the proposal. `floor` is what the book alone is served (the flow
    starts at it). The flow is left serving the choice.

    With `time_limit` (seconds), once it is reached the search stops with the best choice
    known to fit (at least one check is made first); the MILP's bound says how far below
    the best possible that choice may be (`Choice.gap`, for the level it stopped at).
    """
    import time

    import highspy

    deadline = None if time_limit is None else time.monotonic() + time_limit

    n = len(groups)
    master = silent_highs()
    master.setOptionValue("mip_rel_gap", 0.0)
    master.setOptionValue("mip_abs_gap", 1e-9)
    # a group with an item that no one can ever work cannot be chosen
    network = flow.network
    never = [any(not network.item_cols[i] and network.items[i].hours > 0 for i in group)
             for group in groups]
    upper = np.array([0.0 if no else 1.0 for no in never])
    master.addVars(n, np.zeros(n), upper)
    master.changeColsIntegrality(n, np.arange(n, dtype=np.int32),
                                 np.array([highspy.HighsVarType.kInteger] * n))
    master.changeObjectiveSense(highspy.ObjSense.kMaximize)
    every = np.arange(n, dtype=np.int32)
    chosen = np.zeros(n, dtype=bool)
    on = np.zeros(n, dtype=bool)
    # the best choice known to fit that keeps every earlier level's best
    known: NDArray[np.bool_] | None = None
    #: with a time limit, the least bound found so far on this level's best
    ceiling = np.inf
    kept: list[tuple[NDArray[np.float64], float]] = []
    checked = 0
    for weight in (np.asarray(level, dtype=np.float64) for level in levels):
        if not weight.any():
            continue
        # among equals, the fewest groups of later levels: smaller checks, the same best (for
        # a count, all of them together weigh under one; for prices, under any difference
        # in cents between two choices)
        least = float(weight[weight > 0].min())
        share = 0.5 if np.all((weight == 0) | (weight == least)) else 1e-6
        tie = np.where(weight == 0, -share / max(n, 1) * least, 0.0)
        master.changeColsCost(n, every, weight + tie)
        if deadline is not None and not kept:
            # with a time limit, a bound and a set that fits early: the relaxation's cuts
            # for a third of the time, and the best of three greedy plans
            ceiling = _relaxed_cuts(master, flow, groups, floor,
                                    time.monotonic() + (deadline - time.monotonic()) / 3)
            ceiling += float(-tie.sum())
            known = _greedy_best(flow, groups, weight)
            start = highspy.HighsSolution()
            start.col_value = known.astype(np.float64).tolist()
            master.setSolution(start)
        while True:
            if progress:
                progress(Progress("choosing", checked))
            if deadline is not None:
                master.setOptionValue("time_limit", max(deadline - time.monotonic(), 0.01))
            master.run()
            stopped = deadline is not None and master.getModelStatus() != highspy.HighsModelStatus.kOptimal
            if stopped and master.getInfo().primal_solution_status == 0:
                # no proposal from the MILP in time: it can say only its bound
                bound = min(ceiling, _weight_bound(master, weight, tie))
                return _stop(flow, groups, on, known, weight, bound, len(kept))
            chosen = np.asarray(master.getSolution().col_value) > 0.5
            # nothing that fits is worth more than the master's choice (it leaves out only
            # choices that cannot fit): a choice known to fit that is worth as much is best
            bound = min(ceiling, _weight_bound(master, weight, tie)) if stopped else float(weight @ chosen)
            if known is not None and float(weight @ known) >= bound - 1e-9 * max(1.0, bound):
                chosen = known
                _fits(flow, groups, on, chosen)
                break
            if (deadline is not None and checked and known is not None
                    and time.monotonic() >= deadline):
                return _stop(flow, groups, on, known, weight, bound, len(kept))
            checked += 1
            if _fits(flow, groups, on, chosen):
                known = chosen
                break
            # the groups of this choice the flow serves in full fit together
            full = chosen.copy()
            full[chosen] = [_served_in_full(flow, groups[g]) for g in np.flatnonzero(chosen).tolist()]
            if (all(float(w @ full) >= best - 1e-6 * max(1.0, best) for w, best in kept)
                    and (known is None or float(weight @ full) > float(weight @ known))):
                known = full
            a, b = flow.cut(groups, floor)
            slack = 1e-6 * max(1.0, abs(b))
            if a[chosen].sum() > b + slack:
                master.addRow(-highspy.kHighsInf, b + slack, n, every, a)
            else:  # float noise kept the cut from biting: rule out this very choice
                master.addRow(-highspy.kHighsInf, float(chosen.sum()) - 1.0, int(chosen.sum()),
                              every[chosen], np.ones(int(chosen.sum())))
        best = float(weight @ chosen)
        kept.append((weight, best))
        # keep this level's best while the next levels are chosen
        master.addRow(best - 1e-6 * max(1.0, best), highspy.kHighsInf, n, every, weight)
    return Choice([bool(c) for c in chosen])


def _greedy_best(flow: BookFlow, groups: Sequence[Sequence[int]],
                 weight: NDArray[np.float64]) -> NDArray[np.bool_]:
    """The most valuable of three greedy choices (`take_in_turn`): in the order given, by
    weight, and by weight per hour; the flow is left with every group switched off."""
    n = len(groups)
    hours = np.array([float(flow.hours[list(g)].sum()) for g in groups])
    orders = [np.arange(n), np.argsort(-weight, kind="stable"),
              np.argsort(-weight / np.maximum(hours, 1e-9), kind="stable")]
    best = np.zeros(n, dtype=bool)
    for order in orders:
        useful = [int(g) for g in order if weight[g] > 0]
        outcome = take_in_turn(flow, [groups[g] for g in useful])
        chosen = np.zeros(n, dtype=bool)
        chosen[[g for g, got in zip(useful, outcome, strict=True) if got is None]] = True
        for g in np.flatnonzero(chosen).tolist():
            flow.close(groups[g])
        if float(weight @ chosen) > float(weight @ best):
            best = chosen
    return best


def _relaxed_cuts(master: Any, flow: BookFlow, groups: Sequence[Sequence[int]], floor: float,
                  deadline: float | None, rounds: int = 200) -> float:
    """Cuts for the MILP's linear relaxation first: each group asks for the share of its
    hours the relaxation gives it, and the flow's cuts where they do not fit go to the
    MILP. The same cuts as the integer checks give, but each the one the relaxation's
    answer most breaks. Returns the relaxation's last optimum, a bound on the MILP's (with
    its tie shares); the flow is left with every group switched off."""
    import time

    import highspy

    n = len(groups)
    every = np.arange(n, dtype=np.int32)
    master.changeColsIntegrality(n, every, np.array([highspy.HighsVarType.kContinuous] * n))
    share = np.zeros(n)
    fixed = np.zeros(n, dtype=bool)
    ceiling = np.inf
    try:
        for _ in range(rounds):
            if deadline is not None and time.monotonic() >= deadline:
                break
            master.run()
            if master.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                break
            ceiling = min(ceiling, float(master.getInfo().objective_function_value))
            z = np.clip(np.asarray(master.getSolution().col_value), 0.0, 1.0)
            changed = np.flatnonzero(np.abs(z - share) > 1e-9).tolist()
            for g in changed:
                flow.close(groups[g])
                for i in groups[g]:
                    flow.demand[i] = z[g] * flow.hours[i]
            share = z
            asked = [i for g in np.flatnonzero(z > 1e-9).tolist() for i in groups[g]]
            flow.augment(asked)
            short = [g for g in np.flatnonzero(z > 1e-9).tolist() if not _served_in_full(flow, groups[g])]
            if not short:
                break
            bit = False
            for a, b in _cuts(flow, groups, floor, np.isin(np.arange(n), short)):
                slack = 1e-6 * max(1.0, abs(b))
                # a group that alone crosses more than the cut's room is never chosen
                alone = np.flatnonzero((a > b + slack) & ~fixed)
                if len(alone):
                    fixed[alone] = True
                    master.changeColsBounds(len(alone), alone.astype(np.int32), np.zeros(len(alone)),
                                            np.zeros(len(alone)))
                    bit = True
                if a @ z > b + slack:
                    master.addRow(-highspy.kHighsInf, b + slack, n, every, a)
                    bit = True
            if not bit:
                break
    finally:
        for g in np.flatnonzero(share > 0).tolist():
            flow.close(groups[g])
        master.changeColsIntegrality(n, every, np.array([highspy.HighsVarType.kInteger] * n))
    return ceiling


def _cuts(flow: BookFlow, groups: Sequence[Sequence[int]], floor: float,
          chosen: NDArray[np.bool_]) -> list[tuple[NDArray[np.float64], float]]:
    """The flow's minimum cut, and one for each chosen group left short (what its own
    items can still reach): a bottleneck's cut alone says more than their sum."""
    found = [flow.cut(groups, floor)]
    seen = {found[0][1]}
    for g in np.flatnonzero(chosen).tolist():
        if _served_in_full(flow, groups[g]):
            continue
        a, b = flow.cut(groups, floor, groups[g])
        if b not in seen:
            seen.add(b)
            found.append((a, b))
    return found


def _weight_bound(master: object, weight: NDArray[np.float64], tie: NDArray[np.float64]) -> float:
    """The most any choice that fits can be worth at this level, from the MILP's bound (its
    objective counts the tie-breaking shares too, which only ever take away)."""
    info = master.getInfo()  # type: ignore[attr-defined]
    bound = float(info.mip_dual_bound)
    if not np.isfinite(bound):  # no bound yet: every group that may be chosen
        bound = float(weight[np.asarray(master.getLp().col_upper_) > 0.5].sum())  # type: ignore[attr-defined]
    # the tie shares (negative, together under one of the smallest weight) never add
    return bound + float(-tie.sum())


def _stop(flow: BookFlow, groups: Sequence[Sequence[int]], on: NDArray[np.bool_],
          known: NDArray[np.bool_] | None, weight: NDArray[np.float64], bound: float,
          level: int) -> Choice:
    """The time is up: the best choice known to fit, and how far below the bound it is."""
    chosen = known if known is not None else np.zeros(len(groups), dtype=bool)
    _fits(flow, groups, on, chosen)
    value = float(weight @ chosen)
    gap = 0.0 if bound <= value or bound <= 0 else (bound - value) / bound
    return Choice([bool(c) for c in chosen], gap, level)


def _served_in_full(flow: BookFlow, group: Sequence[int]) -> bool:
    demand = float(flow.hours[list(group)].sum())
    return flow.short(group) <= TOLERANCE * max(1.0, demand)


def _fits(flow: BookFlow, groups: Sequence[Sequence[int]], on: NDArray[np.bool_],
          chosen: NDArray[np.bool_]) -> bool:
    """Switch the flow to the chosen groups (`on`: those it serves now) and augment it:
    whether they are all served in full."""
    for g in np.nonzero(on & ~chosen)[0].tolist():
        flow.close(groups[g])
    for g in np.nonzero(chosen & ~on)[0].tolist():
        flow.open(groups[g])
    on[:] = chosen
    items = [i for g in np.nonzero(chosen)[0].tolist() for i in groups[g]]
    flow.augment(items)
    return _served_in_full(flow, items)


def _optimise(flow: BookFlow, floor: float, viable: list[_Candidate], goal: str,
              progress: Callable[[Progress], None] | None, time_limit: float | None) -> Choice:
    """The exact best set (`choose_within`), then how short each request left out is."""
    if goal == "revenue":
        levels = [[float(c.decision.price or 0) for c in viable]]
    else:
        levels = [[1.0 if c.decision.request.priority == level else 0.0 for c in viable]
                  for level in range(1, 6)]
    choice = choose_within(flow, floor, [c.items for c in viable], levels, progress, time_limit)
    if goal != "revenue" and choice.level is not None:
        # the index among the levels with any request: back to the priority it stands for
        weighted = [k for k, level in enumerate(levels) if any(level)]
        choice = Choice(choice.chosen, choice.gap, weighted[choice.level])
    for candidate, take in zip(viable, choice.chosen, strict=True):
        candidate.decision.taken = take
    for candidate in viable:
        if candidate.decision.taken:
            continue
        served = serve_parts(flow, candidate.items, _parts(flow.network, candidate.items))
        reasons, short = _shortfall(flow.network, candidate.items, served, candidate.decision)
        if short <= TOLERANCE:  # it would fit: it adds nothing to the goal (a price of 0)
            reasons = [CrowdedOut()]
        candidate.decision.reasons, candidate.decision.short_hours = reasons, short
        flow.close(candidate.items)
    return choice


def _utilisation(planner: Planner, network: Network, flow: BookFlow) -> list[Utilisation]:
    """Booked / available hours per person per ISO week, over the weeks the book spans."""
    person, when, poured = network.pour(flow.class_hours())
    booked = np.zeros(network.H.shape)
    np.add.at(booked, (person, when), poured)
    return _weekly(planner, network, booked)


def _days_spanned(planner: Planner, network: Network) -> int:
    last = max((b for it in network.items for _, b in it.intervals), default=0)
    return min(last + 1, planner.cal.length)


def _weekly(planner: Planner, network: Network, booked: NDArray[np.float64]) -> list[Utilisation]:
    """Booked (person × day) / available hours per person per ISO week, over the book's weeks."""
    cal = planner.cal
    days = _days_spanned(planner, network)
    # the weeks the book spans, in order, and each day's week
    labels: list[str] = []
    week_of = np.zeros(days, dtype=np.int64)
    for day in range(days):
        iso = cal.day(day).isocalendar()
        label = f"{iso[0]}-W{iso[1]:02d}"
        if not labels or labels[-1] != label:
            labels.append(label)
        week_of[day] = len(labels) - 1
    row = {p.id: j for j, p in enumerate(network.people)}
    ids = sorted(planner.cat.people)
    starts = np.flatnonzero(np.diff(week_of, prepend=-1))  # each week's first day
    hours = np.array([planner.hours[pid][:days] for pid in ids]).reshape(len(ids), days)
    available = np.add.reduceat(hours, starts, axis=1) if days else np.zeros((len(ids), 0))
    mine = booked[[row[pid] for pid in ids], :days].reshape(len(ids), days)
    weekly = np.add.reduceat(mine, starts, axis=1) if days else np.zeros((len(ids), 0))
    booked_rows = np.round(weekly, 2).tolist()
    available_rows = np.round(available, 2).tolist()
    return [Utilisation(pid, week, b, a)
            for pid, booked_row, available_row in zip(ids, booked_rows, available_rows, strict=True)
            for week, b, a in zip(labels, booked_row, available_row, strict=True)]


def staff_plan(planner: Planner, plan: Plan) -> Plan:
    """The plan with who does each taken request and when (staffing.staff_taken: least cost,
    ties by person id, levelled over each window), utilisation from that staffing, and the
    load per skill. A separate step: the choice of requests never depends on it."""
    taken = [d.request for d in plan.decisions if d.taken]
    if in_play(book_items(planner, taken)):
        # who works a line that cannot be split is can-take's mixed-integer answer; the
        # levelled staffing here would share it, so it is left out rather than shown wrong
        return replace(plan, staffing=[], staffed=False,
                       by_skill=_by_skill(planner, book_items(planner, taken), plan))
    # past the limit, one window at a time (window_staffing.py), in seconds, not minutes
    staffed = (staff_taken(planner, taken) if staffing_size(planner, taken) <= STAFFING_LIMIT
               else staff_by_window(planner, taken))
    if staffed is None:
        return replace(plan, staffing=[], staffed=False,
                       by_skill=_by_skill(planner, book_items(planner, taken), plan))
    network, cal = staffed.network, planner.cal
    lines: list[StaffLine] = []
    merged: dict[tuple[str, str, str], dict[int, float]] = defaultdict(dict)
    for a in staffed.assignments:
        cell = merged[(network.items[a.item].request, a.person, a.skill)]
        for d, h in a.days.items():
            cell[d] = cell.get(d, 0.0) + h
    order = {r.id: n for n, r in enumerate(taken)}
    monthly = {r.id for r in taken if planner.cat.services[r.service].price.model == "per_month"}
    for (rid, pid, skill), days in sorted(merged.items(), key=lambda kv: (order[kv[0][0]], kv[0][1:])):
        worked = sorted(d for d, h in days.items() if h > 1e-6)
        if not worked or sum(days.values()) < 0.005:
            continue
        months: dict[date, float] = defaultdict(float)
        for d in worked:
            months[cal.day(d).replace(day=1)] += days[d]
        lines.append(StaffLine(rid, pid, skill, round(sum(days.values()), 2), cal.day(worked[0]),
                               cal.day(worked[-1]),
                               tuple((m, round(h, 2)) for m, h in sorted(months.items()))
                               if rid in monthly else ()))
    return replace(plan, utilisation=_weekly(planner, network, staffed.booked), staffing=lines,
                   by_skill=_by_skill(planner, network.items, plan), staffed=True)


#: the most (qualified person, window day) pairs the taken requests' staffing is worked out
#: for in one LP: past it, a few seconds become minutes, and the staffing is worked out one
#: window at a time (window_staffing.py; docs/performance.md)
STAFFING_LIMIT = 100_000


def staffing_size(planner: Planner, taken: Sequence[Request]) -> int:
    """How many (qualified person, window day) pairs the taken requests' recipe lines have."""
    size = 0
    for request in taken:
        service = planner.cat.services[request.service]
        _, _, windows = planner.windows(request, service, accepted=False)
        days = sum(b - a + 1 for w in windows for a, b in w.intervals)
        size += days * sum(len(planner.cat.qualified(line.skill, line.level)) for line in service.recipe)
    return size


def book_items(planner: Planner, taken: Sequence[Request]) -> list[Item]:
    """The accepted book's items and the taken requests'."""
    items = planner.accepted_items()
    for request in taken:
        service = planner.cat.services[request.service]
        _, _, windows = planner.windows(request, service, accepted=False)
        items.extend(planner.items(request, service, windows))
    return items


def _by_skill(planner: Planner, items: Sequence[Item], plan: Plan) -> list[SkillLoad]:
    """Each skill's work (accepted and taken) against the hours of everyone who holds it at
    the lowest level that work asks for, over the ISO weeks its windows touch."""
    cal = planner.cal
    taken = set(plan.taken)
    work: dict[str, list[tuple[int, float, tuple[tuple[int, int], ...]]]] = defaultdict(list)
    for it in items:
        if it.accepted or it.request in taken:
            work[it.skill].append((it.level, it.hours, it.intervals))
    last = max((b for it in items for _, b in it.intervals), default=0)
    days = min(last + 1, cal.length)
    monday = np.array([cal.day(d).weekday() for d in range(days)], dtype=np.int64)
    found: list[SkillLoad] = []
    for skill, lines in sorted(work.items()):
        inside = np.zeros(days, dtype=bool)
        for _, _, intervals in lines:
            for a, b in intervals:
                if a <= b and a < days:
                    # from the Monday of the first week to the Sunday of the last
                    start = max(a - int(monday[max(a, 0)]), 0)
                    end = min(b + 6 - int(monday[min(b, days - 1)]), days - 1)
                    inside[start:end + 1] = True
        lowest = min(level for level, _, _ in lines)
        people = [p.id for p in planner.cat.qualified(skill, lowest)]
        if not people or not inside.any():
            continue
        span = np.flatnonzero(inside)
        available = float(sum(planner.hours[pid][span].sum() for pid in people))
        hours = sum(h for _, h, _ in lines)
        found.append(SkillLoad(skill, len(people), cal.day(int(span[0])), cal.day(int(span[-1])),
                               round(hours, 2), round(available, 2)))
    return found
