"""What a change does: each side's checks and planning, compared (spec §8, "Consequences").

Above checks and planning: both sides are checked, and, when something planning reads has
changed, both are planned (`planning.verdicts`). Diagnostics are matched by code and
entity, never by line or wording, so moving a file, adding lines above a problem or
renaming the service a message names changes nothing. Consequences are data; render/diff.py says them in words.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pmocat.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from pmocat.diff.changes import Change
    from pmocat.planning.verdicts import BookView
    from pmocat.sources.catalogue import Catalogue, Origin

#: the consequences that need planning, in the order they are reported
PLANNED = ("verdict", "plan", "book-does-not-fit", "capacity", "margin")
#: fields that nothing planning or pricing reads: changing only these needs no solving
DESCRIPTIVE = {
    "pmo": {"name", "contact", "currency", "menu"},
    "ingredient": {"name", "kind", "owner", "cost"},
    "service": {"name", "category", "summary", "description", "customers", "owner", "unit",
                "sla", "tags"},
    "person": {"name", "role"},
    "request": {"customer"},
}


@dataclass
class Side:
    """One side of a diff: its label, what loaded (None: no catalogue there) and the
    diagnostics found reading it."""

    label: str
    cat: Catalogue | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: the folder the catalogue was read from, and the path people know it by (a
    #: revision's catalogue is read from a temporary folder, shown as its path in git)
    root: str = ""
    shown: str = ""

    def display(self, path: str) -> str:
        """A path as the user knows it: under `shown` rather than the folder read."""
        if self.root and self.shown != self.root and (path == self.root or path.startswith(self.root + os.sep)):
            rest = path[len(self.root):].lstrip(os.sep)
            return "/".join(part for part in (self.shown, rest.replace(os.sep, "/")) if part)
        return path

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


@dataclass(frozen=True)
class Consequence:
    """One thing the change does. `change` is introduced or resolved (check codes and the
    book), or changed; `id` names the request, service or entity when there is one."""

    code: str
    change: str
    id: str | None = None
    before: Any = None
    after: Any = None
    details: dict[str, Any] = field(default_factory=dict)
    #: for check codes: the diagnostic, on the side it is found
    diagnostic: Diagnostic | None = None
    #: the kind of entity `id` names (check codes)
    kind: str | None = None

    @property
    def worse(self) -> bool:
        """Whether this is something a guard in CI should stop (for --fail-on)."""
        if self.code == "verdict":  # a request added that does not fit was never a yes
            return bool(self.before == "yes" and self.after == "no")
        if self.code == "plan":  # not a request accepted, done or withdrawn
            return bool(self.before == "taken" and self.after == "declined")
        if self.code in ("capacity", "margin"):
            return self.after is None or (self.before is not None and float(self.after) < float(self.before))
        if self.code == "book-does-not-fit" and self.change == "changed":
            # still short: worse when a request more is short, or by more hours in all
            before = {r["request"]: r["short_hours"] for r in self.details["short_before"]}
            after = {r["request"]: r["short_hours"] for r in self.details["short_after"]}
            return bool(after.keys() - before.keys()) or sum(after.values()) > sum(before.values()) + 0.005
        return self.change in ("introduced", "changed")


@dataclass
class Consequences:
    found: list[Consequence]
    #: codes that could not be worked out, and why (e.g. 'HEAD has errors')
    unknown: list[str] = field(default_factory=list)
    unknown_why: str | None = None
    #: whether planning ran (False: nothing planning reads changed, or it could not)
    planned: bool = False


def needs_planning(changes: list[Change]) -> bool:
    """Whether any change touches what planning or pricing reads."""
    for change in changes:
        if change.kind == "skill":
            continue  # names and levels' names: the checks see a skill that is not there
        if change.change != "changed":
            return True
        top = (change.field or "").split(".")[0]
        if top not in DESCRIPTIVE.get(change.kind, set()):
            return True
    return False


def work_out(base: Side, head: Side, changes: list[Change], *, today: date, weeks: int
             ) -> Consequences:
    """Every consequence of going from `base` to `head`, judged on `today`."""
    from pmocat.checks import run_checks

    for side in (base, head):
        if side.cat is not None:
            side.diagnostics = side.diagnostics + run_checks(
                side.cat, side.diagnostics, day=today, skip={"book-does-not-fit"})
    found = _check_codes(base, head)
    broken = [s for s in (base, head) if s.cat is None or s.errors or s.cat.pmo is None]
    if broken:
        why = " and ".join(f"{s.label} has no catalogue" if s.cat is None else f"{s.label} has errors"
                           for s in broken)
        return Consequences(found, list(PLANNED), why)
    assert base.cat is not None and head.cat is not None
    found += _margins(base.cat, head.cat)
    if not needs_planning(changes):
        return Consequences(found)
    views = [_judge(side.cat, today) for side in (base, head)]  # type: ignore[arg-type]
    found = _verdicts(views[0], views[1]) + _plan(base.cat, head.cat, views[0], views[1]) + _book(
        base.cat, head.cat, views[0], views[1], today) + found
    found += _capacity(base.cat, head.cat, today, weeks)
    return Consequences(_ordered(found), planned=True)


def _ordered(found: list[Consequence]) -> list[Consequence]:
    rank = {code: n for n, code in enumerate(("verdict", "plan", "book-does-not-fit"))}
    late = {"capacity": 1, "margin": 2}
    return sorted(found, key=lambda c: (0, rank[c.code]) if c.code in rank
                  else (2, late[c.code]) if c.code in late else (1, 0))


def _judge(cat: Catalogue, today: date) -> BookView:
    from pmocat.planning.book import Planner
    from pmocat.planning.verdicts import judge_book

    return judge_book(Planner(cat, today))


def _verdicts(base: BookView, head: BookView) -> list[Consequence]:
    """Verdicts that differ, and those of requests that are new only in HEAD (added, or
    turned back to new): a reviewer of a request added wants to know if it fits."""
    found = []
    for rid in sorted(head.verdicts):
        old, new = base.verdicts.get(rid), head.verdicts[rid]
        if old is None or old.verdict != new.verdict:
            found.append(Consequence("verdict", "changed", rid, old and old.verdict, new.verdict, {
                "short_hours_before": old and old.short_hours, "short_hours_after": new.short_hours,
                "reasons_after": list(new.reasons),
                "short_by_skill_after": [{"skill": s, "level": lv, "short_hours": h}
                                         for (s, lv), h in new.short_by_skill.items()]}))
    return found


def _plan(base_cat: Catalogue, head_cat: Catalogue, base: BookView, head: BookView) -> list[Consequence]:
    """Requests the plan takes on one side only, and what they are on the other: declined
    by the plan, no longer new ('status accepted', 'status declined' when declined by
    hand, ...) or absent."""
    def state(cat: Catalogue, view: BookView, rid: str) -> str:
        if rid in view.taken:
            return "taken"
        if rid in view.verdicts:
            return "declined"
        request = cat.requests.get(rid)
        return f"status {request.status}" if request is not None else "absent"

    return [Consequence("plan", "changed", rid, state(base_cat, base, rid), state(head_cat, head, rid))
            for rid in sorted(base.taken ^ head.taken)]


def _book(base_cat: Catalogue, head_cat: Catalogue, base: BookView, head: BookView,
          today: date) -> list[Consequence]:
    from pmocat.checks.book_fits import shortfalls

    def short(cat: Catalogue, view: BookView) -> list[dict[str, Any]]:
        if view.book_fits:
            return []
        return [{"request": rid, "short_hours": round(h, 2)} for rid, h in shortfalls(cat, today)]

    before, after = short(base_cat, base), short(head_cat, head)
    if before == after:
        return []
    change = "introduced" if not before else "resolved" if not after else "changed"
    return [Consequence("book-does-not-fit", change, None, "fits" if not before else "does not fit",
                        "fits" if not after else "does not fit",
                        {"short_before": before, "short_after": after})]


def _capacity(base: Catalogue, head: Catalogue, today: date, weeks: int) -> list[Consequence]:
    a, b = qualified_hours(base, today, weeks), qualified_hours(head, today, weeks)
    found = []
    for skill, level in sorted(a.keys() | b.keys()):
        old, new = round(a.get((skill, level), 0.0), 2), round(b.get((skill, level), 0.0), 2)
        if abs(old - new) >= 0.005:
            found.append(Consequence("capacity", "changed", None, old, new,
                                     {"skill": skill, "level": level, "weeks": weeks}))
    return found


def qualified_hours(cat: Catalogue, today: date, weeks: int) -> dict[tuple[str, int], float]:
    """Free hours (after closures, absences and outside commitments) of the people
    qualified for each skill at each level, over the next `weeks` weeks from `today`."""
    from pmocat.planning.availability import build_calendar, person_hours

    assert cat.pmo is not None
    cal = build_calendar(cat.pmo, today, today + timedelta(days=7 * weeks - 1))
    found: dict[tuple[str, int], float] = {}
    for person in cat.people.values():
        total = float(person_hours(person, cat.pmo, cal).sum())
        for skill, held in person.skills.items():
            for level in range(1, held + 1):
                found[(skill, level)] = found.get((skill, level), 0.0) + total
    return found


def margins(cat: Catalogue) -> dict[str, Decimal | None]:
    """Each service's price per unit (a month, for per_month) less the cheapest qualified
    cost of its recipe; None when nobody can cook a line of it."""
    from pmocat.checks.staffing import staffing

    index = staffing(cat)
    day_hours = cat.pmo.day_hours if cat.pmo is not None else 7.5
    found: dict[str, Decimal | None] = {}
    for sid, service in cat.services.items():
        cost = Decimal(0)
        for line in service.recipe:
            cheapest = index.chefs(line.skill, line.level).cheapest
            if cheapest is None:
                found[sid] = None
                break
            cost += Decimal(str(line.hours)) * cheapest
        else:
            found[sid] = (service.price_of(1, day_hours) - cost).quantize(Decimal("0.01"))
    return found


def _margins(base: Catalogue, head: Catalogue) -> list[Consequence]:
    a, b = margins(base), margins(head)
    return [Consequence("margin", "changed", sid, _money(a[sid]), _money(b[sid]))
            for sid in sorted(a.keys() & b.keys()) if a[sid] != b[sid]]


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


class _Entities:
    """Which entity a diagnostic's line falls in, per file of one side. A file's entities
    are placed only when a diagnostic is in it: placing them parses the file's nodes."""

    def __init__(self, cat: Catalogue | None) -> None:
        self.cat = cat
        self.origins: dict[str, list[tuple[str, str, Origin]]] = {}
        for (kind, ident), origin in (cat.origins.items() if cat is not None else ()):
            self.origins.setdefault(origin.doc.path, []).append((kind, ident, origin))
        self.starts: dict[str, list[tuple[int, str, str]]] = {}

    def _starts(self, path: str) -> list[tuple[int, str, str]]:
        found = self.starts.get(path)
        if found is None:
            found = sorted((origin.span().line if origin.loc else 1, kind, ident)
                           for kind, ident, origin in self.origins.get(path, ()))
            self.starts[path] = found
        return found

    def of(self, d: Diagnostic) -> tuple[str, str]:
        """(kind, id) of the entity `d` is about; ('file', path) when none is known."""
        best = None
        for start, kind, ident in self._starts(d.span.path):
            if start > d.span.line:
                break
            best = (kind, ident)
        if best is not None:
            return best
        root = str(self.cat.root) if self.cat is not None else ""
        return "file", os.path.relpath(d.span.path, root).replace(os.sep, "/") if root else d.span.path


def _findings(side: Side, where: _Entities) -> Counter[tuple[str, str, str, str]]:
    found: Counter[tuple[str, str, str, str]] = Counter()
    for d in side.diagnostics:
        kind, ident = where.of(d)
        found[(d.code, d.severity.value, kind, ident)] += 1
    return found


def _check_codes(base: Side, head: Side) -> list[Consequence]:
    """Every diagnostic introduced or resolved, matched by code and entity (counted: an
    entity with one more single-chef line has one introduced), never by line or wording."""
    places = _Entities(base.cat), _Entities(head.cat)
    a, b = _findings(base, places[0]), _findings(head, places[1])
    found = []
    for side, where, mine, theirs, change in ((head, places[1], b, a, "introduced"),
                                              (base, places[0], a, b, "resolved")):
        extra = mine - theirs
        for d in sorted(side.diagnostics, key=Diagnostic.sort_key):
            kind, ident = where.of(d)
            key = (d.code, d.severity.value, kind, ident)
            if extra[key] > 0:
                extra[key] -= 1
                found.append(Consequence(d.code, change, ident, diagnostic=d, kind=kind))
    return sorted(found, key=lambda c: (c.code, c.change != "introduced", c.id or ""))
