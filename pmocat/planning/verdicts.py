"""Every new request's can-take verdict and the default plan, on one max flow (for `diff`).

Asking `can_take.answer` about each new request would build a network per request and
run every search; a diff wants only the verdict and how short, for all of them at once.
They come from the plan's own flow: the book's max flow F_a, then the greedy plan
(`take_in_turn`). A request the plan takes fits alone too (the hours a request can add
only shrink as others are added: max flow is submodular in its sources), so it is a yes.
Each other request is then augmented alone on top of the book and cancelled again:
`short_hours = demand − (F_an − F_a)`, can-take's step 3 exactly.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pmocat.planning.book import Planner
from pmocat.planning.flow import BookFlow
from pmocat.planning.network import TOLERANCE, Network
from pmocat.planning.plan import _order, _screen, take_in_turn


@dataclass(frozen=True)
class Verdict:
    """can-take's verdict on one new request, and the hours short by (skill, level)."""

    verdict: str
    short_hours: float
    #: the codes of the reasons it is a no (capacity's is `skill-shortfall`)
    reasons: tuple[str, ...] = ()
    short_by_skill: dict[tuple[str, int], float] = field(default_factory=dict)


@dataclass
class BookView:
    """What planning says about one catalogue: verdicts, the default plan, the book's fit."""

    verdicts: dict[str, Verdict]
    taken: set[str]
    #: whether the accepted book fits the roster as a whole
    book_fits: bool


def judge_book(planner: Planner) -> BookView:
    """Verdicts of every `new` request, the greedy plan's taken set, and the book's fit."""
    new = sorted((r for r in planner.cat.requests.values() if r.status == "new"), key=_order)
    book = planner.accepted_items()
    items = list(book)
    screened = []
    for request in new:
        decision, lines = _screen(planner, request)
        screened.append((decision, list(range(len(items), len(items) + len(lines)))))
        items.extend(lines)
    flow = BookFlow(Network(items, list(planner.cat.people.values()), planner.hours))
    everything = range(len(book))
    flow.open(everything)
    floor = flow.augment(everything)
    demand = float(sum(item.hours for item in book))
    fits = floor >= demand - TOLERANCE * max(1.0, demand)

    viable = [(d, own) for d, own in screened if own and not d.reasons]
    outcomes = take_in_turn(flow, [own for _, own in viable])
    taken = {d.request.id for (d, _), served in zip(viable, outcomes, strict=True) if served is None}
    for (_, own), served in zip(viable, outcomes, strict=True):
        if served is None:
            flow.close(own)  # back to the book alone, for the requests asked about next

    verdicts: dict[str, Verdict] = {}
    for decision, own in screened:
        rid = decision.request.id
        codes = tuple(r.code for r in decision.reasons)
        if rid in taken:
            verdicts[rid] = Verdict("yes", 0.0)
            continue
        short: dict[tuple[str, int], float] = defaultdict(float)
        if own:
            flow.open(own)
            flow.augment(own)
            for i in own:
                item = flow.network.items[i]
                short[(item.skill, item.level)] += max(item.hours - float(flow.served[i]), 0.0)
            flow.close(own)
            wanted = float(sum(flow.network.items[i].hours for i in own))
        else:
            service = planner.cat.services.get(decision.request.service)
            wanted = float(service.hours_per_unit * decision.request.quantity) if service else 0.0
            if service is not None:
                for line in service.recipe:
                    short[(line.skill, line.level)] += line.hours * decision.request.quantity
        total = sum(short.values())
        total = total if total > TOLERANCE * max(1.0, wanted) else 0.0
        if total:
            codes += ("skill-shortfall",)
        by_skill = {pair: round(h, 2) for pair, h in sorted(short.items()) if h >= 0.005}
        verdicts[rid] = Verdict("no" if codes else "yes", round(total, 2), codes, by_skill)
    return BookView(verdicts, taken, fits)
