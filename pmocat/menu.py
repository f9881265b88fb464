"""The menu's view model: catalogue in, the services on offer with prices, hours and dates
in words out (said through words.py).

Above planning, below render: the HTML, Markdown and JSON menus all render this one view,
so they never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pmocat.errors import PmocatError
from pmocat.models import ON_MENU
from pmocat.models.types import WEEKDAYS, parse_time_range
from pmocat.words import (
    about_money,
    day_words,
    did_you_mean,
    money,
    open_days,
    opening_hours_words,
    period_words,
    words_list,
)

if TYPE_CHECKING:
    from pmocat.models import Pmo, Service
    from pmocat.sources.catalogue import Catalogue
    from pmocat.sources.git import Commit

STATUS_ORDER = {"live": 0, "pilot": 1, "planned": 2, "retired": 3}
STATUS_BADGES = {"pilot": "Pilot", "planned": "Coming soon", "retired": "Retired"}
DEFAULT_UNIT = "engagement"
#: how far ahead "closures coming up" looks
CLOSURE_HORIZON_DAYS = 120
_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class ServiceEntry:
    id: str
    name: str
    status: str
    badge: str | None
    summary: str
    description: str | None
    price: str
    price_note: str | None
    price_model: str
    price_amount: str | None
    #: what one price buys, for a spreadsheet: 'review', 'hour', 'day', 'month'; None if free
    per: str | None
    lead_time: str
    lead_time_days: int
    duration: str
    duration_days: int
    customers: tuple[str, ...]
    owner: str | None
    sla: str | None
    seasons: str | None
    tags: tuple[str, ...]


@dataclass(frozen=True)
class CategoryEntry:
    name: str
    anchor: str
    services: tuple[ServiceEntry, ...]


@dataclass(frozen=True)
class ClosureEntry:
    name: str
    when: str
    start: date


@dataclass(frozen=True)
class Menu:
    pmo: str
    currency: str
    contact: str | None
    #: runs of weekdays with the same hours: (("Mon–Thu", ("09:00–17:30",)), ...)
    hours: tuple[tuple[str, tuple[str, ...]], ...]
    hours_summary: str
    public_holidays: str | None
    closures: tuple[ClosureEntry, ...]
    categories: tuple[CategoryEntry, ...]
    generated: date
    #: the catalogue's commit, and whether it has uncommitted changes
    commit: str | None
    uncommitted: bool
    #: what a filtered edition shows, e.g. "services tagged risk in Assurance"; "" for all
    scope: str
    statuses: tuple[str, ...] = field(default=ON_MENU)
    #: the PMO's note for the menu (pmo.yaml `menu.note`): VAT, validity, how to request
    note: str | None = None

    @property
    def services(self) -> list[ServiceEntry]:
        return [s for c in self.categories for s in c.services]

    def as_json(self) -> dict[str, Any]:
        return {
            "pmo": {"name": self.pmo, "currency": self.currency, "contact": self.contact,
                    "opening_hours": self.hours_summary, "public_holidays": self.public_holidays,
                    "note": self.note,
                    "closures": [{"name": c.name, "when": c.when, "from": c.start.isoformat()}
                                 for c in self.closures]},
            "generated": self.generated.isoformat(),
            "commit": self.commit,
            "uncommitted_changes": self.uncommitted,
            "statuses": list(self.statuses),
            "categories": [
                {"name": c.name, "services": [
                    {"id": s.id, "name": s.name, "status": s.status, "summary": s.summary,
                     "description": s.description,
                     "price": {"model": s.price_model, "amount": s.price_amount,
                               "currency": self.currency, "words": s.price, "note": s.price_note},
                     "lead_time_days": s.lead_time_days, "lead_time": s.lead_time,
                     "duration_days": s.duration_days, "duration": s.duration,
                     "customers": list(s.customers), "owner": s.owner, "sla": s.sla,
                     "seasons": s.seasons, "tags": list(s.tags)}
                    for s in c.services]}
                for c in self.categories
            ],
        }


def price_words(service: Service, currency: str) -> str:
    """'£4,500 per review', '£85 an hour', '£650 a day', '£300 a month', 'Free'."""
    amount = service.price.amount
    if service.price.model == "free" or amount is None or amount == 0:
        return "Free"
    figure = money(amount, currency)
    return {
        "fixed": f"{figure} per {service.unit or DEFAULT_UNIT}",
        "hourly": f"{figure} an hour",
        "day_rate": f"{figure} a day",
        "per_month": f"{figure} a month",
    }[service.price.model]


def price_note(service: Service, currency: str, day_hours: float) -> str | None:
    """What one unit of a time-priced service comes to, as an estimate: 'about £570 per
    engagement' (rounded as words.rounded_money says: the hours are an estimate too)."""
    if service.price.model not in ("hourly", "day_rate") or not service.price.amount:
        return None
    return f"{about_money(service.price_of(1, day_hours), currency)} per {service.unit or DEFAULT_UNIT}"


def price_per(service: Service) -> str | None:
    """What one price buys: the unit of a fixed price, else the hour, day or month."""
    if service.price.model == "free" or not service.price.amount:
        return None
    return {"fixed": service.unit or DEFAULT_UNIT, "hourly": "hour", "day_rate": "day",
            "per_month": "month"}[service.price.model]


def lead_time_words(days: int) -> str:
    """'no notice needed', 'book 5 open days ahead': notice in the words a service's length uses."""
    return "no notice needed" if days == 0 else f"book {open_days(days)} ahead"


def duration_words(service: Service) -> str:
    if service.price.model == "per_month":
        return "runs month by month"
    return f"takes {open_days(service.duration_days)}"


def seasons_words(service: Service, today: date) -> str | None:
    """The seasons still to come, or None when the service is always available."""
    if service.available is None:
        return None
    ahead = sorted((s for s in service.available if s.to >= today), key=lambda s: s.from_)
    if not ahead:
        return "no dates scheduled at present"
    one_year = len({d.year for s in ahead for d in (s.from_, s.to)}) == 1
    parts = [period_words(s.from_, s.to, year=not one_year) for s in ahead]
    listed = words_list(parts)
    return f"{listed} {ahead[0].to.year}" if one_year else listed


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def opening_hours(pmo: Pmo) -> list[tuple[str, tuple[str, ...]]]:
    """Runs of weekdays with the same hours: [('Mon–Thu', ('09:00–17:30',)), ...]."""
    groups: list[tuple[int, int, tuple[str, ...]]] = []
    for index, day in enumerate(WEEKDAYS):
        ranges = pmo.opening_hours.get(day)  # type: ignore[call-overload]
        if not ranges:
            continue
        times = tuple(f"{_clock(a)}–{_clock(b)}" for a, b in sorted(map(parse_time_range, ranges)))
        if groups and groups[-1][1] == index - 1 and groups[-1][2] == times:
            groups[-1] = (groups[-1][0], index, times)
        else:
            groups.append((index, index, times))
    return [(_SHORT[a] if a == b else f"{_SHORT[a]}–{_SHORT[b]}", times) for a, b, times in groups]


def _split_camel(name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)


def public_holidays_words(pmo: Pmo) -> str | None:
    """'Closed on public holidays (England)', naming the calendar the PMO follows."""
    if pmo.holidays is None or not pmo.holidays.country:
        return None
    country, sub = pmo.holidays.country, pmo.holidays.subdivision
    place = f"{country}-{sub}" if sub else country
    try:
        from holidays import country_holidays
        from holidays.registry import COUNTRIES

        names = {code: entry[0] for entry in COUNTRIES.values() for code in entry[1:]}
        place = _split_camel(names.get(country, country))
        if sub:
            aliases = getattr(type(country_holidays(country)), "subdivisions_aliases", {})
            place = next((n for n, code in aliases.items() if code == sub), f"{place}, {sub}")
    except Exception:  # an unknown country is reported by `pmocat check`; the menu still prints
        pass
    return f"Closed on public holidays ({place})"


def closures_ahead(pmo: Pmo, today: date, days: int = CLOSURE_HORIZON_DAYS) -> list[ClosureEntry]:
    """Closed periods and holidays on open weekdays from today to `days` ahead."""
    from pmocat.planning.availability import public_holidays

    last = today + timedelta(days=days)
    found = [
        ClosureEntry(c.name or "Closed", f"until {day_words(c.to)}" if c.from_ <= today
                     else period_words(c.from_, c.to), max(c.from_, today))
        for c in pmo.closures if c.to >= today and c.from_ <= last
    ]
    for day, name in sorted(public_holidays(pmo, today, last).items()):
        if today <= day <= last and pmo.open_minutes(day.weekday()) and not any(
                day in c for c in pmo.closures):
            found.append(ClosureEntry(name, f"{day:%a} {day_words(day)}", day))
    return sorted(found, key=lambda c: (c.start, c.name))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "section"


def _entry(service: Service, cat: Catalogue, today: date) -> ServiceEntry:
    pmo = cat.pmo
    assert pmo is not None
    owner = cat.people.get(service.owner)
    return ServiceEntry(
        id=service.id, name=service.name, status=service.status,
        badge=STATUS_BADGES.get(service.status), summary=" ".join(service.summary.split()),
        description=service.description.strip() if service.description else None,
        price=price_words(service, pmo.currency),
        price_note=price_note(service, pmo.currency, pmo.day_hours),
        price_model=service.price.model,
        price_amount=None if service.price.amount is None
        else str(service.price.amount.quantize(Decimal("0.01"))),
        per=price_per(service),
        lead_time=lead_time_words(service.lead_time_days), lead_time_days=service.lead_time_days,
        duration=duration_words(service), duration_days=service.duration_days,
        customers=tuple(service.customers), owner=owner.name if owner else None,
        sla=service.sla, seasons=seasons_words(service, today), tags=tuple(service.tags),
    )


def _pick(wanted: list[str], known: set[str], option: str) -> set[str]:
    by_fold = {k.casefold(): k for k in known}
    chosen = set()
    for word in wanted:
        if word.casefold() not in by_fold:
            hint = did_you_mean(word, sorted(known))
            listing = ", ".join(f"'{k}'" for k in sorted(known, key=str.casefold)) or "none"
            # a --category or --tag that matches nothing: say what would
            raise PmocatError(f"no service on the menu has {option} '{word}'; "
                                  + (hint or f"the menu has: {listing}"))
        chosen.add(by_fold[word.casefold()])
    return chosen


def build_menu(cat: Catalogue, *, today: date, commit: Commit | None = None,
               all_statuses: bool = False, categories: list[str] | None = None,
               tags: list[str] | None = None) -> Menu:
    """The menu's view: services on offer (every status with all_statuses), filtered, grouped."""
    pmo = cat.pmo
    assert pmo is not None, "load_trusted refuses a catalogue without a valid pmo.yaml"
    statuses = tuple(STATUS_ORDER) if all_statuses else ON_MENU
    offered = [s for s in cat.services.values() if s.status in statuses]
    within = tagged = ""
    if categories:
        chosen = _pick(categories, {s.category for s in offered}, "the category")
        offered = [s for s in offered if s.category in chosen]
        within = words_list(sorted(chosen, key=str.casefold))
    if tags:
        picked = _pick(tags, {t for s in offered for t in s.tags}, "the tag")
        offered = [s for s in offered if picked & set(s.tags)]
        tagged = "services tagged " + words_list(sorted(picked, key=str.casefold), "or")
    grouped: dict[str, list[Service]] = {}
    for service in offered:
        grouped.setdefault(service.category, []).append(service)
    anchors: set[str] = set()
    entries = []
    for name in sorted(grouped, key=str.casefold):
        anchor = base = f"cat-{slug(name)}"
        while anchor in anchors:
            anchor = f"{base}-{len(anchors)}"
        anchors.add(anchor)
        ordered = sorted(grouped[name], key=lambda s: (STATUS_ORDER[s.status], s.name.casefold()))
        entries.append(CategoryEntry(name, anchor, tuple(_entry(s, cat, today) for s in ordered)))
    hours = opening_hours(pmo)
    return Menu(
        pmo=pmo.name, currency=pmo.currency, contact=pmo.contact, hours=tuple(hours),
        hours_summary=opening_hours_words(hours),
        public_holidays=public_holidays_words(pmo), closures=tuple(closures_ahead(pmo, today)),
        categories=tuple(entries), generated=today, commit=commit.short if commit else None,
        uncommitted=bool(commit and commit.dirty),
        scope=f"{tagged} in {within}" if tagged and within else tagged or within,
        statuses=statuses, note=pmo.menu.note.strip() if pmo.menu and pmo.menu.note else None,
    )
