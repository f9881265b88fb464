""""Can we take this request?" (spec §4): the verdict, why, who, at what cost, and what would make it yes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from pmocat.planning.book import Planner
from pmocat.planning.capacity import TOLERANCE, Network
from pmocat.planning.window import Reason, Window, day_words, refusals
from pmocat.render.money import money

if TYPE_CHECKING:
    from pmocat.models import Request, Service


@dataclass
class Shortfall:
    skill: str
    level: int
    short_hours: float
    #: qualified people and their hours free in the window, after the accepted book
    free: list[tuple[str, float]]


@dataclass
class Answer:
    request: Request
    service: Service | None
    verdict: str
    reasons: list[Reason]
    warnings: list[str]
    window_start: date | None
    window_due: date | None
    open_days: int
    demand_hours: float
    short_hours: float
    shortfalls: list[Shortfall] = field(default_factory=list)
    staffing: list[tuple[str, str, float]] = field(default_factory=list)
    price: Decimal | None = None
    cost: Decimal | None = None
    currency: str = ""
    earliest_due: date | None = None
    max_quantity: int = 0

    @property
    def margin(self) -> Decimal | None:
        return None if self.price is None or self.cost is None else self.price - self.cost


@dataclass
class _Trial:
    """One evaluation of the request with a given due date and quantity."""

    reasons: list[Reason]
    warnings: list[str]
    first: date
    due: date
    windows: list[Window]
    demand: float
    short: float
    network: Network | None = None
    focus: list[int] = field(default_factory=list)

    @property
    def passes(self) -> bool:
        return not self.reasons


class _Question:
    def __init__(self, planner: Planner, request: Request) -> None:
        self.planner = planner
        self.request = request
        self.service = planner.cat.services.get(request.service)
        self.book = planner.accepted_items(excluding=request.id)
        self._book_served: float | None = None

    def book_served(self, network: Network) -> float:
        """F_a: the most of the accepted book that can be served (worked out once)."""
        if self._book_served is None:
            self._book_served = network.maximise(range(len(self.book)))
        return self._book_served

    def trial(self, due: date | None = None, quantity: int | None = None) -> _Trial:
        service = self.service
        if service is None:
            reasons, _ = refusals(self.request, None, [], [], self.planner.today, self.planner.today)
            return _Trial(reasons, [], self.planner.today, self.planner.today, [], 0.0, 0.0)
        first, last, windows = self.planner.windows(self.request, service, accepted=False,
                                                    due=due, quantity=quantity)
        ingredients = self.planner.ingredients_of(service)
        reasons, warnings = refusals(self.request, service, ingredients, windows, first, last)
        focus_items = self.planner.items(self.request, service, windows, focus=True)
        demand = sum(it.hours for it in focus_items)
        if not windows:
            return _Trial(reasons, warnings, first, last, windows, demand, demand)
        network = Network([*self.book, *focus_items], list(self.planner.cat.people.values()),
                          self.planner.hours)
        network.set_floor(self.book_served(network))
        focus = list(range(len(self.book), len(self.book) + len(focus_items)))
        gain = network.maximise(focus)
        short = max(demand - gain, 0.0)
        if short > TOLERANCE:
            reasons.append(Reason("skill-shortfall", "", {}))  # placeholder, detailed by the caller
        return _Trial(reasons, warnings, first, last, windows, demand, short if short > TOLERANCE else 0.0,
                      network, focus)


def _shortfalls(q: _Question, trial: _Trial) -> list[Shortfall]:
    assert trial.network is not None
    network = trial.network
    short: dict[tuple[str, int], float] = defaultdict(float)
    for i in trial.focus:
        item = network.items[i]
        short[(item.skill, item.level)] += item.hours - network.served(i)
    intervals = [iv for w in trial.windows for iv in w.intervals]
    booked: dict[str, float] = defaultdict(float)
    for (pid, pair), days in network.allocation().items():
        if pair is None:
            booked[pid] += sum(h for d, h in days.items() if any(a <= d <= b for a, b in intervals))
    found = []
    for (skill, level), hours in sorted(short.items()):
        if hours <= TOLERANCE:
            continue
        free = []
        for person in q.planner.cat.qualified(skill, level):
            total = sum(float(q.planner.hours[person.id][a:b + 1].sum()) for a, b in intervals)
            free.append((person.id, max(total - booked[person.id], 0.0)))
        found.append(Shortfall(skill, level, hours, free))
    return found


def _name(q: _Question, pid: str) -> str:
    person = q.planner.cat.people.get(pid)
    return person.name.split()[0] if person else pid


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _shortfall_reason(q: _Question, trial: _Trial, s: Shortfall) -> Reason:
    free = [(pid, h) for pid, h in s.free if h > TOLERANCE]
    who = (f"{_names([_name(q, pid) for pid, _ in free])} "
           f"{'has' if len(free) == 1 else 'have'} {sum(h for _, h in free):g} h free"
           if free else "nobody qualified has any hours free")
    message = (f"short {s.short_hours:.4g} h of {s.skill} (level {s.level}+) between "
               f"{day_words(trial.first, year=False)} and {day_words(trial.due)}; {who}")
    return Reason("skill-shortfall", message,
                  {"skill": s.skill, "level": s.level, "short_hours": round(s.short_hours, 2)})


def _staff(q: _Question, trial: _Trial) -> list[tuple[str, str, float]]:
    """Who does which hours, at least cost (for what can be served, when not all can)."""
    network = trial.network
    assert network is not None
    for i in trial.focus:
        served = network.served(i)
        network.set_demand(i, max(served - TOLERANCE, 0.0), served)
    network.minimise_cost()
    hours: dict[tuple[str, str], float] = defaultdict(float)
    for (pid, pair), days in network.allocation(focus_only=True).items():
        if pair is not None:
            hours[(pid, pair[0])] += sum(days.values())
    return sorted((pid, skill, round(h, 2)) for (pid, skill), h in hours.items() if h > 0.005)


def _warnings(q: _Question, trial: _Trial) -> list[str]:
    service = q.service
    warnings = list(trial.warnings)
    owner = q.planner.cat.people.get(service.owner) if service else None
    if service is not None and owner is not None and trial.windows and owner.absences:
        cal = q.planner.cal
        open_days = [d for w in trial.windows for a, b in w.intervals for d in range(a, b + 1)
                     if cal.is_open(d)]
        if open_days and all(any(cal.day(d) in absence for absence in owner.absences)
                             for d in open_days):
            warnings.append(f"{owner.name}, who owns '{service.name}', is away for the whole window")
    return warnings


def can_take(planner: Planner, request: Request) -> Answer:
    """The whole answer for one request (spec §4)."""
    q = _Question(planner, request)
    service = q.service
    trial = q.trial()
    reasons = [r for r in trial.reasons if r.code != "skill-shortfall"]
    staffing = _staff(q, trial) if trial.network is not None else []
    # free hours are read from the staffing solution, so they agree with the staffing table
    shortfalls = _shortfalls(q, trial) if trial.short > 0 else []
    reasons += [_shortfall_reason(q, trial, s) for s in shortfalls]
    answer = Answer(request, service, "yes", reasons, _warnings(q, trial),
                    trial.first if service else None, trial.due if service else None,
                    sum(w.open_days for w in trial.windows), trial.demand, trial.short,
                    shortfalls, staffing, currency=planner.pmo.currency)
    if service is not None:
        answer.price = service.price_of(request.quantity, planner.pmo.day_hours)
        people = planner.cat.people
        answer.cost = sum((Decimal(str(round(h, 6))) * people[pid].cost_per_hour
                           for pid, _, h in staffing), Decimal(0)).quantize(Decimal("0.01"))
        if request.budget is not None and request.budget < answer.price:
            answer.reasons.append(Reason(
                "over-budget",
                f"the price, {money(answer.price, answer.currency)}, is over the budget of "
                f"{money(request.budget, answer.currency)}",
                {"price": f"{answer.price:.2f}", "budget": f"{request.budget:.2f}"}))
        answer.earliest_due = _earliest_due(q, trial)
        answer.max_quantity = _max_quantity(q, trial)
    answer.verdict = "no" if answer.reasons else "yes"
    return answer


def _earliest_due(q: _Question, trial: _Trial) -> date | None:
    """The earliest due date that passes every check but budget (binary search: monotone)."""
    blocking = {"unknown-service", "not-on-menu", "ingredient-not-ready"}
    if any(r.code in blocking for r in trial.reasons):
        return None
    due = trial.due
    if trial.passes:
        lo, hi = trial.first, due  # lo may fail, hi passes
    else:
        hi = due + timedelta(days=q.planner.horizon)
        if not q.trial(due=hi).passes:
            return None
        lo = due
    if q.trial(due=lo).passes:
        return lo
    while (hi - lo).days > 1:
        mid = lo + timedelta(days=(hi - lo).days // 2)
        if q.trial(due=mid).passes:
            hi = mid
        else:
            lo = mid
    return hi


def _max_quantity(q: _Question, trial: _Trial) -> int:
    """The most units (months) that pass every check but budget by the due date asked."""
    quantity = q.request.quantity
    if trial.passes:
        return quantity
    # only capacity, and for a monthly service the months, change with the quantity
    monthly = q.service is not None and q.service.price.model == "per_month"
    if not monthly and any(r.code != "skill-shortfall" for r in trial.reasons):
        return 0
    lo, hi = 0, quantity  # lo passes (or is 0), hi fails
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if q.trial(due=q.request.due, quantity=mid).passes:
            lo = mid
        else:
            hi = mid
    return lo

