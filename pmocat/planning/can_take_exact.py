"""Can-take's capacity questions when some line in play says `max_people` (spec §3.1).

Between can_take.py and the mixed-integer model (indivisible.py): the same questions the
divisible path asks of its LP (F_a, the shortfall at a due date and quantity, its split
by skill, the staffing), each answered at the model's exact optimum. can_take.py asks
them here only when a recipe line of the request or of the accepted book has
`max_people`; otherwise it never imports this module.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from pmocat.planning.indivisible import Indivisible
from pmocat.planning.network import TOLERANCE, Item
from pmocat.planning.staffing import SkillShort, split_short

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from pmocat.models import Request, Service
    from pmocat.planning.book import Planner


@dataclass(frozen=True)
class UnitStaffing:
    """Who works one unit (one month, for a monthly service) of one recipe line."""

    #: 1-based unit (month) number
    unit: int
    line: int
    skill: str
    level: int
    max_people: int | None
    #: (person id, hours), person id order
    people: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Unsplittable:
    """A line whose units the max_people rule leaves short where sharing would not."""

    skill: str
    level: int
    max_people: int
    #: hours one unit of the line needs
    needed_hours: float
    #: the most hours max_people people can give one unit, the book served first
    best_hours: float


class ExactCapacity:
    """One request against the accepted book, each trial its own mixed-integer model."""

    def __init__(self, planner: Planner, request: Request, service: Service,
                 book: Sequence[Item], focus: Sequence[Item], monthly: bool) -> None:
        self.planner = planner
        self.request = request
        self.service = service
        self.book = list(book)
        #: the request's items over its widest window, (month, line) order
        self.focus = list(focus)
        self.monthly = monthly
        people = planner.cat.people.values()
        whole = Indivisible(self.book, people, planner.hours)
        self.book_demand = sum(it.hours for it in self.book)
        self.book_served = whole.maximise(range(len(self.book))) if self.book else 0.0
        self.model: Indivisible | None = None
        #: per focus item of the last trial, its index in `model`
        self.trial: list[int] = []
        self.trial_key: tuple[date, int] | None = None

    def items_for(self, due: date, quantity: int) -> list[Item]:
        """The request's items with this due date and quantity: windows cut at due."""
        last = self.planner.cal.index(due)
        found = []
        n_lines = len(self.service.recipe)
        for k, it in enumerate(self.focus):
            month, line = divmod(k, n_lines)
            hours = self.service.recipe[line].hours
            if self.monthly:
                if month >= quantity:
                    continue
                units = 1
            else:
                hours, units = hours * quantity, quantity
            intervals = tuple((a, min(b, last)) for a, b in it.intervals if a <= min(b, last))
            found.append(replace(it, hours=hours, units=units, intervals=intervals))
        return found

    def capacity(self, due: date, quantity: int) -> tuple[float, float]:
        """(demand, short hours) of the request with this due date and quantity."""
        focus = self.items_for(due, quantity)
        model = Indivisible([*self.book, *focus], self.planner.cat.people.values(),
                            self.planner.hours)
        n = len(self.book)
        if n:
            model.keep(range(n), self.book_served)
        self.trial = list(range(n, n + len(focus)))
        gain = model.maximise(self.trial)
        self.model = model
        self.trial_key = (due, quantity)
        demand = sum(it.hours for it in focus)
        short = demand - gain
        return demand, short if short > TOLERANCE * max(1.0, demand) else 0.0

    def at(self, due: date, quantity: int) -> Indivisible:
        """The model of this trial, solved (again, if another trial came since)."""
        if self.trial_key != (due, quantity) or self.model is None:
            self.capacity(due, quantity)
        assert self.model is not None
        return self.model

    def shortfalls(self, due: date, quantity: int) -> list[SkillShort]:
        """What is short per (skill, level), the easiest skills served first (decision 0006)."""
        model = self.at(due, quantity)
        items = model.items
        by_pair: dict[tuple[str, int], list[int]] = defaultdict(list)
        for i in self.trial:
            by_pair[(items[i].skill, items[i].level)].append(i)
        days = sorted({d for i in self.trial for a, b in items[i].intervals for d in range(a, b + 1)})
        hours = model.H[:, days].sum(axis=1) if days else np.zeros(len(model.people))

        def ease(pair: tuple[str, int]) -> float:
            skill, lv = pair
            return float(sum(hours[j] for j, p in enumerate(model.people) if p.skills.get(skill, 0) >= lv))

        groups = [(pair, by_pair[pair]) for pair in sorted(by_pair, key=lambda p: (-ease(p), p))]
        # unlike a flow, serving one skill its most may cost another more: the total first
        model.keep(self.trial, model.maximise(self.trial))
        for _, group in groups:
            got = model.maximise(group)
            model.keep(group, got)
        needed = {i: items[i].hours for i in self.trial}
        served = {i: model.served(i) for i in self.trial}
        return split_short(groups, needed, served)

    def unsplittable(self, due: date, quantity: int) -> tuple[list[Unsplittable], bool]:
        """The lines with max_people left short where sharing would have served more, with
        the most their N people could give one unit (the best N people's free hours over
        the window, the book served first); and whether sharing would still leave the
        request short (then the skills short are said too)."""
        model = self.at(due, quantity)
        focus = [model.items[i] for i in self.trial]
        shared = Indivisible([*self.book, *(replace(it, max_people=None) for it in focus)],
                             self.planner.cat.people.values(), self.planner.hours)
        if self.book:
            shared.keep(range(len(self.book)), self.book_served)
        demand = sum(it.hours for it in focus)
        best_shared = shared.maximise(self.trial)
        best_whole = sum(model.served(i) for i in self.trial)
        still_short = best_shared < demand - 0.005
        if best_shared - best_whole < 0.005:
            return [], True
        found: list[Unsplittable] = []
        seen: set[tuple[str, int]] = set()
        booked = model.hours_by_segment()[: len(self.book)].sum(axis=0)  # person × segment
        for i in self.trial:
            it = model.items[i]
            if it.max_people is None or (it.skill, it.level) in seen:
                continue
            each = it.hours / max(it.units, 1)
            if all(sum(unit.values()) >= each - 0.005 for unit in model.units(i)):
                continue
            window = sorted({int(model.seg_of_day[d]) for a, b in it.intervals for d in range(a, b + 1)})
            free = sorted((float(max(model.C[j, window].sum() - booked[j, window].sum(), 0.0))
                           for j, p in enumerate(model.people)
                           if p.skills.get(it.skill, 0) >= it.level), reverse=True)
            seen.add((it.skill, it.level))
            found.append(Unsplittable(it.skill, it.level, it.max_people, each,
                                      min(sum(free[: it.max_people]), each)))
        return found, still_short

    def booked(self, due: date, quantity: int, days: set[int]) -> dict[str, float]:
        """Each person's book hours on these days, in the last solution (whole segments)."""
        model = self.at(due, quantity)
        segs = model.hours_by_segment()[: len(self.book)].sum(axis=0)
        inside = sorted({int(model.seg_of_day[d]) for d in days if 0 <= d < len(model.seg_of_day)})
        return {p.id: float(segs[j, inside].sum()) for j, p in enumerate(model.people)}

    def staff(self, due: date, quantity: int) -> list[UnitStaffing]:
        """Who works each unit of each line, at least cost then lowest ids (spec §4 step 5),
        for what can be served."""
        model = self.at(due, quantity)
        model.maximise(self.trial)
        model.pin(self.trial)
        model.minimise_cost(self.trial)
        n_lines = len(self.service.recipe)
        found: list[UnitStaffing] = []
        for k, i in enumerate(self.trial):
            it = model.items[i]
            month = k // n_lines
            units = model.units(i)
            for u, unit in enumerate(units):
                people = tuple((pid, h) for pid, h in unit.items() if h > 0.005)
                # 0: a line shared by any number of people, all its units together
                number = month + 1 if self.monthly else (u + 1 if len(units) > 1 or it.units == 1 else 0)
                if people:
                    found.append(UnitStaffing(number, it.line, it.skill, it.level,
                                              it.max_people, people))
        return found
