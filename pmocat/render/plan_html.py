"""The book of work as a page a PMO board reads: what we take, what we decline and why, and
how busy everyone is week by week. Reads the spec's §5 plan JSON and the catalogue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pmocat.render.html import render_page
from pmocat.render.plan import staff_when
from pmocat.words import (
    day_words,
    hours,
    long_date,
    money,
    number_words,
    percent,
    period_words,
    plural,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pmocat.planning.plan import SkillLoad, StaffLine
    from pmocat.sources.catalogue import Catalogue
    from pmocat.sources.git import Commit

#: at most this many weeks side by side: a quarter fits an A4 page's width
WEEKS_PER_BLOCK = 13
#: (upper bound of booked/available, heat class, legend words)
HEAT_LEVELS = ((1e-9, 0, "idle"), (0.25, 1, "under 25%"), (0.6, 2, "25–60%"),
               (0.85, 3, "60–85%"), (1.0 - 1e-9, 4, "85–99%"), (math.inf, 5, "full"))


@dataclass(frozen=True)
class RequestRow:
    id: str
    customer: str
    service: str
    quantity: str
    start: str
    due: str
    priority: int | None
    price: str
    reasons: tuple[str, ...] = ()
    short_hours: str | None = None


@dataclass(frozen=True)
class StaffRow:
    request: str
    person: str
    skill: str
    hours: str
    when: str


@dataclass(frozen=True)
class SkillRow:
    skill: str
    people: int
    weeks: str
    booked: str
    available: str
    load: str


@dataclass(frozen=True)
class Cell:
    level: int | None
    text: str
    title: str


@dataclass(frozen=True)
class WeekHead:
    label: str
    monday: str


@dataclass(frozen=True)
class HeatBlock:
    caption: str
    weeks: tuple[WeekHead, ...]
    rows: tuple[tuple[str, tuple[Cell, ...]], ...]


def _monday(week: str) -> date | None:
    try:
        year, number = week.split("-W")
        return date.fromisocalendar(int(year), int(number), 1)
    except ValueError:
        return None


def _heat(booked: float, available: float) -> Cell:
    words = f"{number_words(booked)} of {number_words(available)} hours booked"
    if available <= 0:
        return Cell(None, "–", "closed or away" + (f"; {words}" if booked else ""))
    ratio = booked / available
    level = next(level for bound, level, _ in HEAT_LEVELS if ratio < bound)
    return Cell(level, f"{round(ratio * 100)}" if level else "", words)


def heat_blocks(utilisation: list[dict[str, Any]], names: dict[str, str]) -> list[HeatBlock]:
    """The heatmap in blocks of at most a quarter's weeks, people by name."""
    weeks = sorted({str(u["week"]) for u in utilisation})
    if not weeks:
        return []
    cells: dict[str, dict[str, tuple[float, float]]] = {}
    for u in utilisation:
        cells.setdefault(str(u["person"]), {})[str(u["week"])] = (
            float(u["booked_hours"]), float(u["available_hours"]))
    people = sorted(cells, key=lambda p: ((names.get(p) or p).casefold(), p))
    count = math.ceil(len(weeks) / WEEKS_PER_BLOCK)
    size = math.ceil(len(weeks) / count)
    blocks = []
    for first in range(0, len(weeks), size):
        chunk = weeks[first:first + size]
        mondays = [_monday(w) for w in chunk]
        start, end = mondays[0], mondays[-1]
        caption = (period_words(start, date.fromordinal(end.toordinal() + 6))
                   if start and end else f"{chunk[0]} to {chunk[-1]}")
        heads = tuple(WeekHead(w.rsplit("-", 1)[-1], day_words(m, year=False) if m else "")
                      for w, m in zip(chunk, mondays, strict=True))
        rows = tuple(
            (names.get(p, p), tuple(_heat(*cells[p].get(w, (0.0, 0.0))) for w in chunk))
            for p in people)
        blocks.append(HeatBlock(f"Weeks of {caption}", heads, rows))
    return blocks


def _row(request_id: str, cat: Catalogue, currency: str, day_hours: float,
         reasons: tuple[str, ...] = (), short: float | None = None) -> RequestRow:
    short_words = f"{number_words(short)} h" if short else None
    request = cat.requests.get(request_id)
    if request is None:
        return RequestRow(request_id, "", "", "", "", "", None, "", reasons, short_words)
    service = cat.services.get(request.service)
    per_month = service is not None and service.price.model == "per_month"
    quantity = plural(request.quantity, "month") if per_month \
        else str(request.quantity)
    price = money(service.price_of(request.quantity, day_hours), currency) if service else ""
    return RequestRow(
        id=request.id, customer=request.customer,
        service=service.name if service else request.service, quantity=quantity,
        start=day_words(request.start) if request.start else "",
        due=day_words(request.due) if request.due else ("monthly" if per_month else ""),
        priority=request.priority, price=price, reasons=reasons, short_hours=short_words,
    )


def working(utilisation: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The cells of the people who carry some work, from the first week with work booked to
    the last: a year of idle weeks and people reads as an idle PMO."""
    busy = [u for u in utilisation if float(u["booked_hours"]) > 0]
    if not busy:
        return []
    people = {str(u["person"]) for u in busy}
    first, last = min(str(u["week"]) for u in busy), max(str(u["week"]) for u in busy)
    return [u for u in utilisation if str(u["person"]) in people and first <= str(u["week"]) <= last]


def render_plan_html(plan: dict[str, Any], cat: Catalogue, *, generated: date,
                     commit: Commit | None = None, staffing: Sequence[StaffLine] = (),
                     by_skill: Sequence[SkillLoad] = (), left_out: str | None = None) -> str:
    """The plan (spec §5 JSON) as one self-contained HTML page, print-ready for A4, with who
    does each taken request (`staffing`) and the load per skill (`by_skill`) when given."""
    pmo = cat.pmo
    currency = pmo.currency if pmo else "GBP"
    day_hours = pmo.day_hours if pmo else 7.5
    taken = [_row(rid, cat, currency, day_hours) for rid in plan.get("taken", [])]
    declined = [
        _row(str(d["request"]), cat, currency, day_hours,
             tuple(str(r.get("message") or r.get("code", "")) for r in d.get("reasons", [])),
             float(d.get("short_hours") or 0))
        for d in plan.get("declined", [])
    ]
    accepted = [_row(r.id, cat, currency, day_hours) for r in
                sorted(cat.requests.values(), key=lambda r: (r.priority, r.due or date.max, r.id))
                if r.status == "accepted"]
    value = sum((cat.services[r.service].price_of(r.quantity, day_hours)
                 for rid in plan.get("taken", []) if (r := cat.requests.get(rid))
                 and r.service in cat.services), Decimal(0))
    utilisation = working(list(plan.get("utilisation", [])))
    booked = sum(float(u["booked_hours"]) for u in utilisation)
    available = sum(float(u["available_hours"]) for u in utilisation)
    names = {p.id: p.name for p in cat.people.values()}
    staff_rows = []
    last = None
    for line in staffing:
        staff_rows.append(StaffRow(line.request if line.request != last else "",
                                   names.get(line.person, line.person), line.skill,
                                   hours(line.hours), staff_when(line)))
        last = line.request
    skill_rows = [SkillRow(load.skill, load.people, period_words(load.first, load.last),
                           hours(round(load.booked_hours)), hours(round(load.available_hours)),
                           percent(load.booked_hours, load.available_hours)) for load in by_skill]
    legend = [(level, words) for _, level, words in HEAT_LEVELS]
    title = pmo.name if pmo else "PMO"
    return render_page(
        "plan.html", running_title=f"{title} · Book of work", pmo=title, taken=taken,
        declined=declined, accepted=accepted, value=money(value, currency),
        load=percent(booked, available), workers=len({str(u["person"]) for u in utilisation}),
        staffing=staff_rows, skills=skill_rows, left_out=left_out,
        blocks=heat_blocks(utilisation, names), legend=legend,
        generated=long_date(generated), commit=commit,
        optimality=plan.get("optimality"),  # --optimize --time-limit: how close to the best
    )
