""""Can we take this request?" (spec §4): the verdict, why, who, at what cost, and what would make it yes.

The top of planning for one request: windows and refusals (window.py), then one capacity
network (network.py) with the accepted book and the request in it, and its LP (lp.py),
asked every question in turn: F_a, the shortfall, the staffing, then each due date and
quantity tried by the searches (searches.py), each a change of bounds and a warm re-solve. `answer()` is a pure
function.

A request that is itself accepted is asked about as the book sees it: taken out of the
book (never counted twice), with no lead time, from max(start, today).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np

from pmocat.planning.book import Planner
from pmocat.planning.indivisible import in_play
from pmocat.planning.lp import LP
from pmocat.planning.network import TOLERANCE, Item, Network, unique
from pmocat.planning.reasons import (
    AcceptedAlready,
    BookDoesNotFit,
    IndivisibleShortfall,
    Notice,
    OwnerAway,
    Reason,
    SkillShortfall,
    UnknownService,
)
from pmocat.planning.searches import catch_up, earliest_due, most_passing
from pmocat.planning.staffing import by_skill, least_cost, skill_groups, split_short
from pmocat.planning.window import (
    Window,
    due_of,
    earliest_start,
    later,
    over_budget,
    refusals,
    windows_for,
)
from pmocat.words import closest

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pmocat.models import Ingredient, Request, Service
    from pmocat.planning.can_take_exact import ExactCapacity, UnitStaffing, Unsplittable

#: refusals no due date or quantity can lift
_BLOCKING = {"unknown-service", "not-on-menu", "ingredient-not-ready"}


@dataclass
class Shortfall:
    """The part of the request's work that cannot be served, for one skill and level."""

    skill: str
    level: int
    short_hours: float
    #: the hours of this skill and level the request needs
    needed_hours: float
    #: every qualified person (id order) and their hours in the window left by the book
    free: list[tuple[str, float]]


@dataclass
class Answer:
    request: Request
    service: Service | None
    verdict: str
    reasons: list[Reason]
    warnings: list[Notice]
    window_start: date | None
    window_due: date | None
    open_days: int
    demand_hours: float
    short_hours: float
    shortfalls: list[Shortfall] = field(default_factory=list)
    #: (person id, skill, hours), at least cost, by person then skill
    staffing: list[tuple[str, str, float]] = field(default_factory=list)
    #: who works each unit of each line, when a line of the request says max_people
    units: list[UnitStaffing] = field(default_factory=list)
    price: Decimal | None = None
    cost: Decimal | None = None
    currency: str = ""
    earliest_due: date | None = None
    max_quantity: int = 0
    #: the day the answer was given (dates in its own year are written without the year)
    today: date | None = None
    #: the request gave no due date: the question was "when?" (spec §4.2), and the window's
    #: due is the earliest date found (or the last one tried, when none was)
    when: bool = False

    @property
    def margin(self) -> Decimal | None:
        return None if self.price is None or self.cost is None else self.price - self.cost


class _Question:
    """One request against the book: every trial (due date, quantity) on one network."""

    def __init__(self, planner: Planner, request: Request, service: Service) -> None:
        self.planner = planner
        self.request = request
        self.service = service
        self.accepted = request.status == "accepted"
        self.ingredients: list[Ingredient] = planner.ingredients_of(service)
        self.first = earliest_start(request, service, planner.cal, planner.today,
                                    accepted=self.accepted)
        self.monthly = service.price.model == "per_month"
        self._network: Network | None = None
        self._lp: LP | None = None
        #: the network's items for the request, and for each its (month, recipe line)
        self.focus: list[int] = []
        self.focus_of: list[tuple[int, int]] = []
        self.book_demand = 0.0
        self.book_served = 0.0
        self._answer: tuple[date, list[float], tuple[Any, int, int]] | None = None
        self._items: tuple[list[Item], list[Item]] | None = None
        self._exact: ExactCapacity | None = None
        self._relaxed: LP | None = None
        #: a line of the request or of the book says max_people: the mixed-integer path
        book, focus = self.items
        self.indivisible = in_play(book) or in_play(focus)
        self.answer_quantity = request.quantity

    @property
    def items(self) -> tuple[list[Item], list[Item]]:
        """(the accepted book, the request over its widest window: due + horizon)."""
        if self._items is None:
            planner = self.planner
            book = planner.accepted_items(excluding=self.request.id)
            widest = later(max(due_of(self.request, self.service, self.first), self.first),
                           planner.horizon)
            windows = windows_for(self.request, self.service, self.ingredients, planner.cal,
                                  self.first, min(widest, planner.cal.end))
            focus = planner.items(self.request, self.service, windows, focus=True)
            self.focus_of = [(m, n) for m in range(len(windows)) for n in range(len(self.service.recipe))]
            self._items = book, focus
        return self._items

    @property
    def exact(self) -> ExactCapacity:
        """The mixed-integer questions (can_take_exact.py), for work that cannot be split."""
        if self._exact is None:
            from pmocat.planning.can_take_exact import ExactCapacity

            book, focus = self.items
            self._exact = ExactCapacity(self.planner, self.request, self.service, book, focus,
                                        self.monthly)
            self.book_demand = self._exact.book_demand
            self.book_served = self._exact.book_served
        return self._exact

    @property
    def network(self) -> Network:
        """The book and the request over its widest window (due + horizon), built once."""
        return self.lp.network

    @property
    def lp(self) -> LP:
        """The network's LP, the book served its most and kept at that (the floor)."""
        if self._lp is None:
            planner = self.planner
            book, focus = self.items
            self.focus = list(range(len(book), len(book) + len(focus)))
            self._network = Network([*book, *focus], planner.cat.people.values(), planner.hours)
            lp = LP(self._network)
            for i in self.focus:
                lp.set_demand(i, 0.0, 0.0)
            self.book_demand = sum(it.hours for it in book)
            self.book_served = lp.maximise(range(len(book)))
            lp.set_floor(self.book_served)
            self._lp = lp
        return self._lp

    def capacity(self, due: date, quantity: int) -> tuple[float, float]:
        """(demand, short hours) of the request with this due date and quantity (spec §4.3)."""
        if self.indivisible:
            return self.exact.capacity(due, quantity)
        return self._shared_capacity(due, quantity)

    def _shared_capacity(self, due: date, quantity: int) -> tuple[float, float]:
        lp = self.lp
        demand = 0.0
        for i, (month, line) in zip(self.focus, self.focus_of, strict=True):
            hours = self.service.recipe[line].hours
            if self.monthly:
                hours = hours if month < quantity else 0.0
            else:
                hours *= quantity
            lp.set_demand(i, 0.0, hours)
            demand += hours
        lp.limit_focus(self.planner.cal.index(due))
        gain = lp.maximise(self.focus)
        short = demand - gain
        return demand, short if short > TOLERANCE * max(1.0, demand) else 0.0

    def remember_answer(self, due: date) -> None:
        """Keep the answer's served hours and basis while the searches try other bounds."""
        if self.indivisible:
            self._answer = (due, [], (None, 0, 0))
            return
        lp = self.lp
        self._answer = (due, [lp.served(i) for i in self.focus], lp.basis())

    def back_to_answer(self) -> None:
        """The answer's bounds, each focus item pinned at what it got, and its basis."""
        assert self._answer is not None, "remember_answer() first"
        if self.indivisible:
            return
        lp = self.lp
        due, served, basis = self._answer
        for i, hours in zip(self.focus, served, strict=True):
            lp.set_demand(i, max(hours - 1e-9 * max(1.0, hours), 0.0), hours)
        lp.limit_focus(self.planner.cal.index(due))
        lp.restore(basis)

    def most_units(self, due: date) -> tuple[int, bool]:
        """The most units whose work fits by `due` (a service that is not per month), and
        whether that is certain (False: it was rounded up by a hair, to be tried)."""
        if self.indivisible:
            # units are indivisible: fewer fit whenever more do, so a search is exact
            return most_passing(self.request.quantity, lambda units: self.passes(due, units)), True
        lp = self.lp
        lp.limit_focus(self.planner.cal.index(due))
        hours = [self.service.recipe[line].hours for _, line in self.focus_of]
        scale = lp.max_scale(self.focus, hours, float(self.request.quantity))
        most = min(self.request.quantity, math.floor(scale + 1e-6))
        return most, most <= scale

    def passes(self, due: date, quantity: int) -> bool:
        """Every check but budget: the refusals, then capacity."""
        return self.short(due, quantity) == 0.0

    def short(self, due: date, quantity: int) -> float | None:
        """The hours short with this due date and quantity (0: it passes every check but
        budget), or None when a refusal that needs no arithmetic comes first."""
        request = self.request.model_copy(update={"quantity": quantity})
        _, _, windows = self.planner.windows(request, self.service, accepted=self.accepted, due=due)
        reasons, _ = self.refusals(request, windows, due)
        if reasons:
            return None
        if self.indivisible:
            bound = self._relaxed_short(due, quantity)
            if bound is not None:
                return bound  # short even with shared hours: no branching needed
        return self.capacity(due, quantity)[1]

    def _relaxed_short(self, due: date, quantity: int) -> float | None:
        """For work that cannot be split: the hours short with shared hours and the book
        kept at its exact F_a (the model's relaxation: never more short than the exact
        answer), when that is clearly above zero; None when the exact model must decide."""
        exact = self.exact
        if self._relaxed is None:
            lp = self.lp  # the divisible LP serves its own book: keep it at the exact F_a
            self.book_served = exact.book_served
            lp.set_floor(exact.book_served)
            self._relaxed = lp
        demand, short = self._shared_capacity(due, quantity)
        return short if short > 1e-4 * max(1.0, demand) else None

    def refusals(self, request: Request, windows: list[Window], due: date
                 ) -> tuple[list[Reason], list[Notice]]:
        return refusals(request, self.service, self.ingredients, windows, self.first, due,
                        cal=self.planner.cal, today=self.planner.today, accepted=self.accepted)


def answer(planner: Planner, request: Request) -> Answer:
    """The whole answer for one request (spec §4)."""
    service = planner.cat.services.get(request.service)
    currency = planner.pmo.currency
    if service is None:
        unknown: list[Reason] = [UnknownService(request.service,
                                                closest(request.service, planner.cat.services))]
        return Answer(request, None, "no", unknown, [], None, None, 0, 0.0, 0.0, currency=currency,
                      today=planner.today)
    q = _Question(planner, request, service)
    quantity = request.quantity
    when = request.due is None and not q.monthly
    due = due_of(request, service, q.first)
    found: date | None = None
    if when:
        due, found = _when(q)
    _, _, windows = planner.windows(request, service, accepted=q.accepted, due=due)
    reasons, warnings = q.refusals(request, windows, due)
    demand = sum(line.hours for line in service.recipe) * quantity
    short = demand
    shortfalls: list[Shortfall] = []
    staffing: list[tuple[str, str, float]] = []
    unsplittable: list[Unsplittable] = []
    skills_short = True  # whether the skills short are said (besides any indivisible lines)
    if windows:
        demand, short = q.capacity(due, quantity)
        if short > 0:
            if q.indivisible:
                unsplittable, skills_short = q.exact.unsplittable(due, quantity)
            shortfalls = _shortfalls(q, windows, due)
        q.remember_answer(due)
    passes = not reasons and short == 0.0
    earliest = found if when else _earliest_due(
        q, due, passes, reasons, None if reasons or not windows else short, shortfalls)
    most = _max_quantity(q, due, passes, reasons)
    units: list[UnitStaffing] = []
    if windows:
        if q.indivisible:
            units = q.exact.staff(due, quantity)
            staffing = _by_skill(units)
        else:
            staffing = _staff(q)
        if shortfalls and not reasons:
            # free hours come from the staffing's solution, so they agree with its table;
            # after a refusal that needs no arithmetic, the skills short are beside the point
            _free_hours(q, shortfalls, windows, due)
            reasons += [IndivisibleShortfall(u.skill, u.level, u.max_people, u.needed_hours,
                                             u.best_hours, due, q.first) for u in unsplittable]
            if skills_short:
                reasons += [_shortfall_reason(q, s, due) for s in shortfalls]
        elif reasons:
            shortfalls = []
    answer = Answer(request, service, "yes", reasons, warnings + _warnings(q, windows),
                    q.first, due, sum(w.open_days for w in windows), demand, short,
                    shortfalls, staffing, currency=currency, today=planner.today, when=when)
    answer.price = service.price_of(quantity, planner.pmo.day_hours)
    people = planner.cat.people
    answer.cost = sum((Decimal(str(h)) * people[pid].cost_per_hour for pid, _, h in staffing),
                      Decimal(0)).quantize(Decimal("0.01"))
    too_dear = over_budget(request, service, planner.pmo.day_hours, currency)
    if too_dear is not None:
        answer.reasons.append(too_dear)
    answer.earliest_due, answer.max_quantity = earliest, most
    answer.units = units
    answer.verdict = "no" if answer.reasons else "yes"
    return answer


def _window_days(windows: list[Window], due: date, q: _Question) -> list[int]:
    last = q.planner.cal.index(due)
    return [d for w in windows for a, b in w.intervals for d in range(max(a, 0), min(b, last) + 1)]


def _shortfalls(q: _Question, windows: list[Window], due: date) -> list[Shortfall]:
    """What is short, by skill and level, blamed on the scarcest skills: the rule plan uses
    too (staffing.py), here served by the LP."""
    if q.indivisible:
        return [Shortfall(s.skill, s.level, s.short_hours, s.needed_hours, [])
                for s in q.exact.shortfalls(due, q.request.quantity)]
    network = q.network
    groups = skill_groups(network, q.focus, _window_days(windows, due, q))
    lp = q.lp
    lp.lexicographic([group for _, group in groups])
    needed = {i: float(lp.demand[i]) for i in q.focus}
    served = {i: lp.served(i) for i in q.focus}
    return [Shortfall(s.skill, s.level, s.short_hours, s.needed_hours, [])
            for s in split_short(groups, needed, served)]


def _free_hours(q: _Question, shortfalls: list[Shortfall], windows: list[Window], due: date) -> None:
    """Each qualified person's hours in the window that the book leaves free (last solution)."""
    days = set(_window_days(windows, due, q))
    qualified = {p.id for s in shortfalls for p in q.planner.cat.qualified(s.skill, s.level)}
    span = (min(days), max(days)) if days else (0, -1)
    booked: dict[str, float] = defaultdict(float)
    if q.indivisible:
        booked.update(q.exact.booked(due, q.request.quantity, days))
    else:
        for (pid, pair), by_day in q.lp.allocation(people=qualified, days=span).items():
            if pair is None:
                booked[pid] += sum(h for d, h in by_day.items() if d in days)
    window = sorted(days)
    for s in shortfalls:
        for person in q.planner.cat.qualified(s.skill, s.level):
            total = float(q.planner.hours[person.id][window].sum()) if window else 0.0
            s.free.append((person.id, max(total - booked[person.id], 0.0)))


def _staff(q: _Question) -> list[tuple[str, str, float]]:
    """Who does which hours, at least cost (for what can be served, when not all can): the
    rule plan's staffing uses too (staffing.least_cost)."""
    q.back_to_answer()
    return by_skill(least_cost(q.lp, q.focus))


def _warnings(q: _Question, windows: list[Window]) -> list[Notice]:
    found: list[Notice] = []
    service, planner = q.service, q.planner
    if q.accepted:
        found.append(AcceptedAlready(q.request.id))
    if (q._network is not None or q._exact is not None) and q.book_served < q.book_demand - TOLERANCE * max(1.0, q.book_demand):
        found.append(BookDoesNotFit(q.book_demand - q.book_served))
    owner = planner.cat.people.get(service.owner)
    if owner is not None and windows and owner.absences:
        cal = planner.cal
        open_days = [d for w in windows for a, b in w.intervals for d in range(a, b + 1)
                     if cal.is_open(d)]
        if open_days and all(any(cal.day(d) in absence for absence in owner.absences)
                             for d in open_days):
            found.append(OwnerAway(owner.id, owner.name, service.id, service.name))
    return found


def _shortfall_reason(q: _Question, s: Shortfall, due: date) -> Reason:
    free = tuple((pid, round(h, 2)) for pid, h in s.free if h > 0.005)
    return SkillShortfall(s.skill, s.level, s.short_hours, due, q.first, s.needed_hours, free)


def _when(q: _Question) -> tuple[date, date | None]:
    """Spec §4.2, a request with no due date: (the due date to answer for, the earliest
    that passes every check but budget, searched from its start within the horizon).
    When none passes, the last date tried, and None."""
    quantity = q.request.quantity
    end = min(later(q.first, q.planner.horizon), q.planner.cal.end)
    if not q.passes(end, quantity):
        return end, None
    guess = None if q.indivisible else _pulled_early(q, end, quantity)
    found = earliest_due(q.first, end, lambda day: q.passes(day, quantity), guess)
    return found, found


def _earliest_due(q: _Question, due: date, passes: bool, reasons: list[Reason],
                  short: float | None = None, shortfalls: Sequence[Shortfall] = ()) -> date | None:
    """The earliest due date that passes every check but budget (None: none can).

    When the due date asked for passes, the search's first guess is the last day its
    work needs when pulled as early as it goes (one LP), which is most often the answer
    itself. When it fails, the search goes forwards from it, led by how many hours are
    short; `short` is the hours short at `due` (None: a refusal came first), and
    `shortfalls` by skill give its first guess (`_cover`).
    """
    if any(r.code in _BLOCKING for r in reasons):
        return None
    quantity = q.request.quantity
    if not passes:
        first = _cover(q, due, shortfalls, short) if shortfalls and short else None
        end = min(later(due, q.planner.horizon), q.planner.cal.end)
        return catch_up(due, short, end, lambda day: q.short(day, quantity), first)
    guess = None if q.indivisible else _pulled_early(q, due, quantity)
    return earliest_due(q.first, due, lambda day: q.passes(day, quantity), guess)


def _pulled_early(q: _Question, due: date, quantity: int) -> date | None:
    """The last day the request's work needs when every hour is served by `due` and pulled
    as early as it goes (one LP): most often the earliest due date itself."""
    q.capacity(due, quantity)
    finish = q.lp.last_day(q.focus)
    return q.planner.cal.day(finish) if finish >= 0 else None


def _by_skill(units: Sequence[UnitStaffing]) -> list[tuple[str, str, float]]:
    """(person, skill, hours) in all, by person then skill, to the hundredth of an hour."""
    hours: dict[tuple[str, str], float] = defaultdict(float)
    for unit in units:
        for pid, h in unit.people:
            hours[(pid, unit.skill)] += h
    return sorted((pid, skill, round(h, 2)) for (pid, skill), h in hours.items() if h > 0.005)


def _cover(q: _Question, due: date, shortfalls: Sequence[Shortfall], short: float) -> int | None:
    """A first guess at how many days past `due` the request would fit: until everyone
    qualified for a skill short has worked, in all, as many hours as are short. (It
    leaves out the book, which takes some of those hours, and what the window leaves
    open: a guess, which the search checks.) None when nobody is qualified or the
    calendar runs out first."""
    if q.indivisible:
        return None
    network = q.network
    first = q.planner.cal.index(due) + 1
    pairs = [network.pairs.index((s.skill, s.level)) for s in shortfalls]
    if not pairs or first >= network.H.shape[1]:
        return None
    people = unique(np.concatenate([network.qualified[p] for p in pairs]))
    worked = np.cumsum(network.H[people, first:].sum(axis=0))
    days = int(np.searchsorted(worked, short - TOLERANCE)) + 1
    return days if days <= len(worked) else None


def _max_quantity(q: _Question, due: date, passes: bool, reasons: list[Reason]) -> int:
    """The most units (months) that pass every check but budget by the due date asked.

    Fewer units need less of the same window (or, per month, fewer of the same months),
    so passing is monotone in the quantity. Units of a service that is not per month all
    share one window, so the most that fit is one LP: the largest multiple t of one
    unit's recipe that can be served; floor(t) units fit.
    """
    quantity = q.request.quantity
    if passes:
        return quantity
    if any(r.code in _BLOCKING for r in reasons):
        return 0
    if not q.monthly:
        if any(r.code not in ("skill-shortfall", "indivisible-shortfall") for r in reasons):
            return 0  # the window does not depend on the quantity
        most, exact = q.most_units(due)
        while not exact and most > 0 and not q.passes(due, most):
            most -= 1  # only ever a hair of rounding
        return most
    explicit = q.request.due is not None

    def fits(units: int) -> bool:
        if explicit:
            return q.passes(due, units)
        request = q.request.model_copy(update={"quantity": units})
        return q.passes(due_of(request, q.service, q.first), units)

    return most_passing(quantity, fits)
