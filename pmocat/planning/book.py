"""The book of work as demand items: the context every capacity question is asked in.

Between the catalogue and the capacity engine: a Planner holds one calendar and every
person's hours, and turns requests into windows and demand items.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np

from pmocat.planning.availability import Calendar, build_calendar, people_hours
from pmocat.planning.network import Item
from pmocat.planning.window import Window, due_of, earliest_start, windows_for

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from pmocat.models import Ingredient, Request, Service
    from pmocat.sources.catalogue import Catalogue


#: the furthest ahead planning looks: ten years
MAX_DAYS = 3653


class Planner:
    """A catalogue, a today and a calendar long enough for every question asked of it."""

    def __init__(self, cat: Catalogue, today: date, *, horizon: int = 365,
                 extra: list[Request] | None = None) -> None:
        assert cat.pmo is not None, "planning needs a valid pmo.yaml"
        self.cat = cat
        self.pmo = cat.pmo
        self.today = today
        self.horizon = horizon
        requests = [*cat.requests.values(), *(extra or [])]
        last = max([today, *(r.due for r in requests if r.due), *(r.start for r in requests if r.start)])
        monthly = [r.quantity for r in requests
                   if r.service in cat.services and cat.services[r.service].price.model == "per_month"]
        days = (last - today).days + horizon + 31 * (max(monthly, default=0) + 2)
        # a window past this is refused as beyond-horizon (window.refusals), never weighed
        self.cal: Calendar = build_calendar(self.pmo, today, today + timedelta(days=min(days, MAX_DAYS)))
        self._hours: dict[str, NDArray[np.float64]] = {}

    @property
    def hours(self) -> dict[str, NDArray[np.float64]]:
        """hours(p, d) for every person, computed once."""
        if not self._hours:
            table = people_hours(list(self.cat.people.values()), self.pmo, self.cal)
            self._hours = dict(zip(self.cat.people, table, strict=True))
        return self._hours

    def ingredients_of(self, service: Service) -> list[Ingredient]:
        return [self.cat.ingredients[i] for i in service.ingredients if i in self.cat.ingredients]

    def windows(self, request: Request, service: Service, *, accepted: bool,
                due: date | None = None, quantity: int | None = None
                ) -> tuple[date, date, list[Window]]:
        """(earliest start, due, windows) for a request, optionally with another due or quantity."""
        if quantity is not None:
            request = request.model_copy(update={"quantity": quantity})
        first = earliest_start(request, service, self.cal, self.today, accepted=accepted)
        last = due or due_of(request, service, first)
        if last < first:
            return first, last, []
        return first, last, windows_for(request, service, self.ingredients_of(service), self.cal,
                                        first, last)

    def items(self, request: Request, service: Service, windows: list[Window], *,
              accepted: bool = False, focus: bool = False) -> list[Item]:
        return [
            Item(request.id, n, line.skill, line.level, line.hours * window.units,
                 window.intervals, accepted=accepted, focus=focus,
                 max_people=line.max_people, units=window.units)
            for window in windows for n, line in enumerate(service.recipe)
        ]

    def accepted_items(self, excluding: str | None = None) -> list[Item]:
        """The accepted book of work (spec §4.3): no lead time, from max(start, today)."""
        found: list[Item] = []
        for rid, request in sorted(self.cat.requests.items()):
            service = self.cat.services.get(request.service)
            if request.status != "accepted" or rid == excluding or service is None:
                continue
            _, due, windows = self.windows(request, service, accepted=True)
            if due < self.today:
                continue  # delivered already, whatever its status says
            found.extend(self.items(request, service, windows, accepted=True))
        return found
