"""The comparison of two catalogues' models (pmocat.diff.changes) and the verdicts a diff
weighs (planning.verdicts), which must be can-take's own."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmocat.diff.changes import Change, canonical, compare, entities, flatten
from pmocat.diff.consequences import needs_planning
from pmocat.models import Person, Request, Service
from pmocat.planning.book import Planner
from pmocat.planning.can_take import answer
from pmocat.planning.verdicts import judge_book
from pmocat.sources.catalogue import Catalogue, load_catalogue
from tests.conftest import CATALOGUE

SKILLS = ["planning", "assurance", "reporting"]
IDS = ["ada", "ben", "cy", "dee"]

people = st.builds(
    lambda pid, skills, hours, days, cost, absences: Person.model_validate({
        "id": pid, "name": pid.title(), "skills": skills, "hours_per_week": hours,
        "cost_per_hour": cost, "absences": absences, **({"working_days": days} if days else {})}),
    st.sampled_from(IDS),
    st.dictionaries(st.sampled_from(SKILLS), st.integers(1, 5), max_size=3),
    st.sampled_from([20.0, 30.0, 37.5]),
    st.none() | st.lists(st.sampled_from(["monday", "tuesday", "friday"]), min_size=1, unique=True),
    st.sampled_from([Decimal(40), Decimal("45.5"), Decimal(50)]),
    st.lists(st.sampled_from([{"from": "2027-01-04", "to": "2027-01-08"},
                              {"from": "2027-02-01", "to": "2027-02-05", "reason": "Leave"}]),
             max_size=2, unique_by=lambda a: a["from"]),
)
services = st.builds(
    lambda sid, status, recipe, amount, tags, ingredients: Service.model_validate({
        "id": sid, "name": sid.title(), "category": "C", "status": status, "summary": "S",
        "owner": "ada", "recipe": recipe, "price": {"model": "fixed", "amount": amount},
        "tags": tags, "ingredients": ingredients}),
    st.sampled_from(["audit", "plan", "report"]),
    st.sampled_from(["live", "pilot", "retired"]),
    st.lists(st.fixed_dictionaries({"skill": st.sampled_from(SKILLS), "level": st.integers(1, 5),
                                    "hours": st.sampled_from([8, 16.5, 24])}), min_size=1, max_size=3),
    st.sampled_from([1800, 2000]),
    st.lists(st.sampled_from(["a", "b", "c"]), unique=True),
    st.lists(st.sampled_from(["tool", "template"]), unique=True),
)
catalogues = st.builds(
    lambda ps, ss: _catalogue(ps, ss),
    st.lists(people, max_size=4, unique_by=lambda p: p.id),
    st.lists(services, max_size=3, unique_by=lambda s: s.id),
)


def _catalogue(ps: list[Person], ss: list[Service]) -> Catalogue:
    cat = Catalogue(root=Path("catalogue"))
    cat.people = {p.id: p for p in ps}
    cat.services = {s.id: s for s in ss}
    return cat


def _shuffled(cat: Catalogue) -> Catalogue:
    """The same catalogue with every list that is a set, and the roster, in another order."""
    people = {p.id: p.model_copy(update={"absences": p.absences[::-1],
                                         "working_days": (p.working_days or [])[::-1] or None})
              for p in reversed(cat.people.values())}
    services = {s.id: s.model_copy(update={"tags": s.tags[::-1], "ingredients": s.ingredients[::-1],
                                           "recipe": s.recipe[::-1] if len({x.skill for x in s.recipe})
                                           == len(s.recipe) else s.recipe})
                for s in cat.services.values()}
    return _catalogue(list(people.values()), list(services.values()))


@settings(max_examples=60, deadline=None)
@given(catalogues)
def test_a_catalogue_compared_with_itself_has_no_changes(cat: Catalogue) -> None:
    assert compare(cat, cat) == ([], [])
    assert compare(cat, _shuffled(cat)) == ([], [])


def _apply(flat: dict[str, Any], changes: list[Change]) -> dict[str, Any]:
    out = dict(flat)
    for change in changes:
        assert change.field is not None
        if change.after is None:
            out.pop(change.field, None)
        else:
            out[change.field] = change.after
    return out


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(catalogues, catalogues)
def test_the_reported_changes_turn_base_into_head(base: Catalogue, head: Catalogue) -> None:
    changes, _ = compare(base, head)
    for kind in ("service", "person"):
        before, after = entities(base, kind), entities(head, kind)
        mine = [c for c in changes if c.kind == kind]
        assert {c.id for c in mine if c.change == "added"} == after.keys() - before.keys()
        assert {c.id for c in mine if c.change == "removed"} == before.keys() - after.keys()
        for ident in before.keys() & after.keys():
            fields = [c for c in mine if c.id == ident]
            assert all(c.change == "changed" for c in fields)
            old = flatten(canonical(kind, before[ident]))
            new = flatten(canonical(kind, after[ident]))
            assert {k: v for k, v in _apply(old, fields).items() if v is not None} == \
                {k: v for k, v in new.items() if v is not None}


def _one(**fields: Any) -> Service:
    data = {"id": "audit", "name": "Audit", "category": "C", "status": "live", "summary": "S",
            "owner": "ada", "recipe": [{"skill": "assurance", "level": 3, "hours": 24},
                                       {"skill": "reporting", "level": 2, "hours": 8}],
            "price": {"model": "fixed", "amount": 1800}, **fields}
    return Service.model_validate(data)


def test_a_recipe_compares_line_by_line_by_skill_and_money_as_money() -> None:
    base = _catalogue([], [_one()])
    head = _catalogue([], [_one(recipe=[{"skill": "reporting", "level": 2, "hours": 8},
                                        {"skill": "assurance", "level": 3, "hours": 30}],
                                price={"model": "fixed", "amount": Decimal("1800.00")})])
    changes, _ = compare(base, head)
    assert [(c.field, c.before, c.after) for c in changes] == [("recipe.assurance.hours", 24.0, 30.0)]


def test_only_descriptive_changes_need_no_planning() -> None:
    summary = Change("service", "audit", "services/audit.yaml", "changed", "summary", "a", "b")
    price = Change("service", "audit", "services/audit.yaml", "changed", "price.amount", "1", "2")
    role = Change("person", "ada", "roster.yaml", "changed", "role", None, "Planner")
    assert not needs_planning([summary, role])
    assert needs_planning([summary, price])
    assert needs_planning([Change("request", "REQ-1", "requests/REQ-1.yaml", "added")])


def test_the_menu_note_is_menu_text() -> None:
    note = Change("pmo", "pmo", "pmo.yaml", "changed", "menu.note", "Prices hold", "Prices rise")
    assert not needs_planning([note])
    assert needs_planning([Change("pmo", "pmo", "pmo.yaml", "changed", "day_hours", 7.5, 7.0)])


def test_verdicts_are_can_takes_own() -> None:
    """Every new request of the bundled catalogue, and each with three times the work."""
    cat, problems = load_catalogue(str(CATALOGUE))
    assert not [p for p in problems if p.severity.value == "error"]
    today = date(2026, 12, 1)
    for bigger in (1, 3):
        cat.requests = {rid: r.model_copy(update={"quantity": r.quantity * bigger})
                        for rid, r in cat.requests.items()}
        view = judge_book(Planner(cat, today))
        new = [r for r in cat.requests.values() if r.status == "new"]
        assert new and view.verdicts.keys() == {r.id for r in new}
        for request in new:
            said = answer(Planner(cat, today), request)
            mine = view.verdicts[request.id]
            assert (mine.verdict, round(mine.short_hours, 2)) == (said.verdict, round(said.short_hours, 2)), request.id
            assert sorted(mine.reasons) == sorted({r.code for r in said.reasons})
        assert view.taken <= {rid for rid, v in view.verdicts.items() if v.verdict == "yes"}


def test_requests_change_by_field() -> None:
    a = Request.model_validate({"id": "REQ-1", "service": "audit", "customer": "X", "due": "2027-01-04"})
    base, head = _catalogue([], []), _catalogue([], [])
    base.requests = {"REQ-1": a}
    head.requests = {"REQ-1": a.model_copy(update={"status": "accepted"})}
    changes, _ = compare(base, head)
    assert [(c.kind, c.field, c.before, c.after) for c in changes] == [("request", "status", "new", "accepted")]
