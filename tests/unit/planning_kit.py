"""Small catalogues built in code for the planning tests, and an independent max flow.

`reference_max_flow` is written only for the tests: a plain max flow over person-days
(Dinic's algorithm, pure Python), with none of the engine's segments, classes, pools or
lazy columns, to check the engine's answers against.
"""

from __future__ import annotations

from collections import deque
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from pmocat.models import Ingredient, Person, Pmo, Request, Service
from pmocat.sources.catalogue import Catalogue

TODAY = date(2026, 12, 1)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")


def pmo(**fields: Any) -> Pmo:
    """An 8-hour, Monday-to-Friday PMO with no public holidays, unless told otherwise."""
    data: dict[str, Any] = {"schema_version": 1, "name": "Test PMO", "currency": "GBP",
                            "opening_hours": {day: "09:00-17:00" for day in WEEKDAYS}}
    data.update(fields)
    return Pmo.model_validate(data)


def person(pid: str, skills: dict[str, int], hours_per_week: float = 40, cost: float = 50,
           **fields: Any) -> Person:
    return Person.model_validate({"id": pid, "name": f"{pid.title()} Tester", "skills": skills,
                                  "hours_per_week": hours_per_week, "cost_per_hour": Decimal(str(cost)),
                                  **fields})


def service(sid: str, recipe: list[tuple[str, int, float]], *, price: dict[str, Any] | None = None,
            **fields: Any) -> Service:
    return Service.model_validate({
        "id": sid, "name": sid.replace("-", " ").capitalize(), "category": "Test", "status": "live",
        "summary": "A test service.", "owner": fields.pop("owner", "nobody"),
        "recipe": [{"skill": s, "level": level, "hours": hours} for s, level, hours in recipe],
        "price": price or {"model": "fixed", "amount": Decimal(1000)}, **fields})


def request(rid: str, sid: str, due: date | None, **fields: Any) -> Request:
    data: dict[str, Any] = {"id": rid, "service": sid, "customer": "Someone", **fields}
    if due is not None:
        data["due"] = due
    return Request.model_validate(data)


def ingredient(iid: str, **fields: Any) -> Ingredient:
    return Ingredient.model_validate({"id": iid, "name": iid, "kind": "tool", "status": "ready",
                                      **fields})


def catalogue(*, people: list[Person], services: list[Service], requests: list[Request] | None = None,
              ingredients: list[Ingredient] | None = None, the_pmo: Pmo | None = None) -> Catalogue:
    return Catalogue(root=Path("."), pmo=the_pmo or pmo(),
                     services={s.id: s for s in services}, people={p.id: p for p in people},
                     requests={r.id: r for r in requests or []},
                     ingredients={i.id: i for i in ingredients or []})


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


class _Flow:
    """Dinic's max flow on float capacities."""

    def __init__(self) -> None:
        self.graph: list[list[list[Any]]] = []

    def node(self) -> int:
        self.graph.append([])
        return len(self.graph) - 1

    def edge(self, a: int, b: int, capacity: float) -> None:
        forward: list[Any] = [b, capacity, None]
        backward: list[Any] = [a, 0.0, forward]
        forward[2] = backward
        self.graph[a].append(forward)
        self.graph[b].append(backward)

    def run(self, source: int, sink: int) -> float:
        total = 0.0
        while True:
            level = [-1] * len(self.graph)
            level[source] = 0
            queue = deque([source])
            while queue:
                a = queue.popleft()
                for b, capacity, _ in self.graph[a]:
                    if capacity > 1e-12 and level[b] < 0:
                        level[b] = level[a] + 1
                        queue.append(b)
            if level[sink] < 0:
                return total
            pointer = [0] * len(self.graph)

            def push(a: int, limit: float, level: list[int] = level,
                     pointer: list[int] = pointer) -> float:
                if a == sink:
                    return limit
                while pointer[a] < len(self.graph[a]):
                    edge = self.graph[a][pointer[a]]
                    b, capacity, back = edge
                    if capacity > 1e-12 and level[b] == level[a] + 1:
                        pushed = push(b, min(limit, capacity))
                        if pushed > 1e-12:
                            edge[1] -= pushed
                            back[1] += pushed
                            return pushed
                    pointer[a] += 1
                return 0.0

            while True:
                pushed = push(source, float("inf"))
                if pushed <= 1e-12:
                    break
                total += pushed


def reference_max_flow(items: list[tuple[str, int, float, list[int]]], people: list[Person],
                       hours: dict[str, Any]) -> float:
    """The most hours of `items` (skill, level, hours, day indexes) people can serve."""
    flow = _Flow()
    source, sink = flow.node(), flow.node()
    slots: dict[tuple[str, int], int] = {}
    for skill, level, demand, days in items:
        item = flow.node()
        flow.edge(source, item, demand)
        for p in people:
            if p.skills.get(skill, 0) < level:
                continue
            for d in days:
                if hours[p.id][d] <= 0:
                    continue
                if (p.id, d) not in slots:
                    slots[(p.id, d)] = flow.node()
                    flow.edge(slots[(p.id, d)], sink, float(hours[p.id][d]))
                flow.edge(item, slots[(p.id, d)], float("inf"))
    return flow.run(source, sink)
