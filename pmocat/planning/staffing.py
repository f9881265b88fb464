"""How a request's work falls across skills and people: one rule for can-take and plan.

Between the capacity network (network.py) and the two answers built on it (can_take.py on
the LP, plan.py on the max flow). Both ask the same two questions the same way:

- **The shortfall split.** The short hours of one request can often be put on one skill or
  another (people hold several). They are put where they fall when the request's skills
  are served in turn, the easiest to staff first (`skill_groups`: the most qualified hours
  in the window first, ties by skill then level), each as fully as it can be while keeping
  what the earlier ones got. The total is the exact shortfall; the split is unique for
  this rule, whichever solver serves it.
- **The staffing.** Who does which hours: at least cost, ties to the lowest person id
  (the LP's `minimise_cost`), then each person's hours levelled over the days of the
  window they are free (`level`), in pieces of at least half an hour.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from pmocat.planning.network import TOLERANCE, Network, unique

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from numpy.typing import NDArray

    from pmocat.models import Request
    from pmocat.planning.book import Planner
    from pmocat.planning.lp import LP

#: short hours under this are rounding, unless nothing larger is short
SHOWN = 0.005
#: the smallest piece of work on one day, in hours, unless the whole line is smaller
SMALLEST_PIECE = 0.5


@dataclass(frozen=True)
class SkillShort:
    """The part of a request's work that cannot be served, for one skill and level."""

    skill: str
    level: int
    short_hours: float
    #: the hours of this skill and level the request needs
    needed_hours: float


def skill_groups(network: Network, items: Iterable[int], days: Sequence[int]
                 ) -> list[tuple[tuple[str, int], list[int]]]:
    """The request's items by (skill, level), the easiest to staff first.

    Easiest: the most hours of everyone qualified over the window's `days` (the book's
    own claim on them left aside, so the order depends on the roster and the window only).
    Ties by skill, then level.
    """
    by_pair: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i in items:
        item = network.items[i]
        by_pair[(item.skill, item.level)].append(i)
    inside = [d for d in days if 0 <= d < network.H.shape[1]]
    hours = network.H[:, inside].sum(axis=1) if inside else np.zeros(len(network.people))
    ease = {pair: float(hours[network.Q[network.pairs.index(pair)]].sum()) for pair in by_pair}
    return [(pair, by_pair[pair]) for pair in sorted(by_pair, key=lambda p: (-ease[p], p))]


def window_days(network: Network, items: Iterable[int]) -> list[int]:
    """Every day index on which some of these items may be worked, in order."""
    last = network.H.shape[1] - 1
    return sorted({d for i in items for a, b in network.items[i].intervals
                   for d in range(max(a, 0), min(b, last) + 1)})


def split_short(groups: Sequence[tuple[tuple[str, int], Sequence[int]]],
                needed: Mapping[int, float], served: Mapping[int, float]) -> list[SkillShort]:
    """What is short per (skill, level), from what each item needs and got, by item index.

    Shortfalls of a few thousandths of an hour are rounding, and left out, unless
    nothing larger is short.
    """
    need: dict[tuple[str, int], float] = {}
    short: dict[tuple[str, int], float] = {}
    for pair, group in groups:
        need[pair] = float(sum(needed[i] for i in group))
        short[pair] = float(sum(max(needed[i] - served[i], 0.0) for i in group))
    if not short:
        return []
    shown = [pair for pair in sorted(short) if short[pair] >= SHOWN] or [max(short, key=short.__getitem__)]
    return [SkillShort(skill, level, short[(skill, level)], need[(skill, level)])
            for skill, level in shown]


def level(total: float, free: NDArray[np.float64]) -> NDArray[np.float64]:
    """`total` hours spread as evenly as the free hours per day allow, in pieces of at least
    half an hour (one piece when the total is smaller), wherever the free hours allow it.

    Water-filling over the days with half an hour free or more: every day gets
    min(free, λ), λ the level at which they add up to the total. When λ is under half an
    hour, the total goes instead in equal pieces of half an hour or more on evenly spaced
    days. Only when the days with half an hour free cannot hold it all are smaller pieces
    used. Assumes total ≤ free.sum() (a hair over is float noise).
    """
    room = np.maximum(np.asarray(free, dtype=np.float64), 0.0)
    if total <= 0 or not len(room):
        return np.zeros(len(room))
    if total >= room.sum():
        return room
    if total < SMALLEST_PIECE:
        fits = np.flatnonzero(room >= total)
        if not len(fits):
            return _fill(total, room)[0]
        out = np.zeros(len(room))
        out[fits[len(fits) // 2]] = total  # one piece, in the middle of the days it fits
        return out
    big = np.where(room >= SMALLEST_PIECE, room, 0.0)
    if big.sum() < total:
        return _fill(total, room)[0]
    out, height = _fill(total, big)
    if height >= SMALLEST_PIECE:
        return out
    days = np.flatnonzero(big > 0)
    pieces = min(int(total // SMALLEST_PIECE), len(days))
    chosen = unique(days[np.linspace(0, len(days) - 1, pieces).round().astype(np.int64)])
    spread = np.zeros(len(room))
    spread[chosen] = total / len(chosen)
    return spread if bool(np.all(spread <= room + 1e-9)) else out


def _fill(total: float, room: NDArray[np.float64]) -> tuple[NDArray[np.float64], float]:
    """Water-filling: min(room, λ) per day, adding up to `total` (≤ room.sum()); and λ."""
    order = np.sort(room[room > 0])
    filled = np.concatenate(([0.0], np.cumsum(order)))
    n = len(order)
    height = float(order[-1]) if n else 0.0
    for k in range(n):  # the k smallest days full, the rest at the level
        level_k = (total - float(filled[k])) / (n - k)
        if level_k <= order[k]:
            height = level_k
            break
    return np.minimum(room, height), height


@dataclass
class Assignment:
    """Hours of one item (one recipe line, or one month of it) that one person works."""

    person: str
    item: int
    skill: str
    hours: float
    #: hours per day index
    days: dict[int, float]


def least_cost(lp: LP, focus: Sequence[int]) -> list[Assignment]:
    """Who works the focus items, at the amounts their bounds allow (pin them first): at
    least cost, then, among the cheapest, the most hours to the lowest person ids (spec §4
    step 5). The book may move within its own bounds and floor; its cost is not counted.

    The LP's focus flow goes item → pool(skill, level, day) → person; an item's share of
    a pool that several items feed is given to the pool's people in id order.
    """
    lp.minimise_cost()
    net = lp.network
    solution = lp.solution
    n_x = len(net.x_item)
    feeds: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for col in np.flatnonzero(net.x_focus & (solution[:n_x] > TOLERANCE)).tolist():
        feeds[int(net.x_pool[col])].append((int(net.x_item[col]), float(solution[col])))
    workers: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for col, pool, who in zip(lp.y_col, lp.y_pool, lp.y_who, strict=True):
        if net.pool_focus[pool] and solution[col] > TOLERANCE:
            workers[pool].append((who, float(solution[col])))
    found: dict[tuple[int, int], dict[int, float]] = defaultdict(dict)
    wanted = set(focus)
    for pool, items in feeds.items():
        day = int(net.pool_time[pool])
        people = sorted(workers.get(pool, []))
        j, left = 0, people[0][1] if people else 0.0
        for item, amount in sorted(items):
            while amount > TOLERANCE and j < len(people):
                take = min(amount, left)
                if item in wanted and take > TOLERANCE:
                    cell = found[(people[j][0], item)]
                    cell[day] = cell.get(day, 0.0) + take
                amount -= take
                left -= take
                if left <= TOLERANCE:
                    j += 1
                    left = people[j][1] if j < len(people) else 0.0
    return [Assignment(net.people[who].id, item, net.items[item].skill, sum(days.values()), days)
            for (who, item), days in sorted(found.items(), key=lambda kv: (net.people[kv[0][0]].id, kv[0][1]))]


def by_skill(assignments: Iterable[Assignment]) -> list[tuple[str, str, float]]:
    """(person, skill, hours) in all, by person then skill, to the hundredth of an hour."""
    hours: dict[tuple[str, str], float] = defaultdict(float)
    for a in assignments:
        hours[(a.person, a.skill)] += a.hours
    return sorted((pid, skill, round(h, 2)) for (pid, skill), h in hours.items() if h > SHOWN)


def level_all(network: Network, assignments: list[Assignment], busy: NDArray[np.float64]) -> None:
    """Level each assignment over the days of its item's window, around `busy` (everyone's
    hours per day taken by other work), in place.

    Narrow windows first. A person whose lines cannot all be levelled (what one takes, a
    later one needed) keeps the solver's days, which fit.
    """
    used = busy.copy()
    index = {p.id: j for j, p in enumerate(network.people)}
    for a in assignments:
        for d, h in a.days.items():
            used[index[a.person], d] += h
    by_person: dict[str, list[Assignment]] = defaultdict(list)
    for a in assignments:
        by_person[a.person].append(a)
    spans = {i: np.array(window_days(network, [i]), dtype=np.int64) for i in {a.item for a in assignments}}
    for pid, lines in by_person.items():
        j = index[pid]
        trial = used[j].copy()
        levelled: list[dict[int, float]] = []
        for a in sorted(lines, key=lambda a: (len(spans[a.item]), a.item)):
            for d, h in a.days.items():
                trial[d] -= h
            days = spans[a.item]
            free = np.maximum(network.H[j, days] - trial[days], 0.0)
            if free.sum() < a.hours - 1e-6:
                break
            spread = level(a.hours, free)
            trial[days] += spread
            levelled.append({int(d): float(h) for d, h in zip(days, spread, strict=True) if h > TOLERANCE})
        else:
            for a, days_of in zip(sorted(lines, key=lambda a: (len(spans[a.item]), a.item)), levelled, strict=True):
                a.days = days_of
            used[j] = trial


def spread_book(network: Network, class_hours: NDArray[np.float64], used: NDArray[np.float64]
                ) -> NDArray[np.float64]:
    """The book's hours per class and segment shared among the class's members and days in
    proportion to their free hours (around `used`): level, and never over anyone's hours.
    Returns hours per person per day."""
    out = np.zeros(network.H.shape)
    for c in np.flatnonzero(class_hours > TOLERANCE).tolist():
        members = network.members[network.member_start[c]:network.member_start[c + 1]]
        seg = int(network.class_seg[c])
        a, b = int(network.bounds[seg]), int(network.bounds[seg + 1])
        free = np.maximum(network.H[np.ix_(members, np.arange(a, b))] - used[np.ix_(members, np.arange(a, b))], 0.0)
        total = free.sum()
        if total <= TOLERANCE:
            continue
        out[np.ix_(members, np.arange(a, b))] += free * min(class_hours[c] / total, 1.0)
    return out


@dataclass
class BookStaffing:
    """Who does the taken requests' work and when, with the accepted book around it."""

    network: Network
    #: the taken requests' work, levelled, by person then item
    assignments: list[Assignment]
    #: every person's booked hours per day index (the accepted book and the taken work)
    booked: NDArray[np.float64]


def staff_taken(planner: Planner, requests: Sequence[Request]) -> BookStaffing:
    """Staff every taken request together at least cost (`least_cost`), on top of the
    accepted book at its best; then level it (`level_all`) and share the book's hours
    among the people who could work them (`spread_book`).

    With one request taken, this is can-take's staffing of it, call for call.
    """
    from pmocat.planning.lp import LP

    book = planner.accepted_items()
    focus_items = []
    for request in requests:
        service = planner.cat.services[request.service]
        _, _, windows = planner.windows(request, service, accepted=False)
        focus_items.extend(planner.items(request, service, windows, focus=True))
    network = Network([*book, *focus_items], planner.cat.people.values(), planner.hours)
    focus = list(range(len(book), len(book) + len(focus_items)))
    lp = LP(network)
    for i in focus:
        lp.set_demand(i, 0.0, 0.0)
    lp.set_floor(lp.maximise(range(len(book))))
    for i in focus:
        lp.set_demand(i, 0.0, network.items[i].hours)
    lp.maximise(focus)
    lp.pin(focus)
    assignments = least_cost(lp, focus)
    index = {p.id: j for j, p in enumerate(network.people)}
    used = np.zeros(network.H.shape)
    for a in assignments:
        for d, h in a.days.items():
            used[index[a.person], d] += h
    class_hours = np.zeros(len(network.class_capacity))
    for col, pool, who in zip(lp.y_col, lp.y_pool, lp.y_who, strict=True):
        if not network.pool_focus[pool]:
            class_hours[who] += lp.solution[col]
    busy = spread_book(network, class_hours, used)
    level_all(network, assignments, busy)
    for a in assignments:
        for d, h in a.days.items():
            busy[index[a.person], d] += h
    return BookStaffing(network, assignments, busy)
