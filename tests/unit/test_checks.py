"""Each check finds its problem at the right line and column, and stays quiet otherwise."""

from __future__ import annotations

import os
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pmocat.checks import rules, run_checks
from pmocat.diagnostics import Diagnostic, Severity
from pmocat.sources.catalogue import load_catalogue
from tests.conftest import CATALOGUE, EXAMPLES

#: the day every check here judges by, unless a test says otherwise
TODAY = date(2026, 12, 1)


def check(root: Path, day: date = TODAY) -> list[Diagnostic]:
    cat, loaded = load_catalogue(str(root))
    return loaded + run_checks(cat, loaded, day=day)


def found(diagnostics: list[Diagnostic], code: str) -> list[tuple[str, int, int]]:
    return [(Path(d.span.path).name, d.span.line, d.span.column) for d in diagnostics if d.code == code]


def only(diagnostics: list[Diagnostic], code: str) -> Diagnostic:
    matching = [d for d in diagnostics if d.code == code]
    assert len(matching) == 1, matching
    return matching[0]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


# the bundled catalogue and the examples


def test_bundled_catalogue_has_no_errors_and_one_planted_warning() -> None:
    diagnostics = check(CATALOGUE)
    assert [d for d in diagnostics if d.severity is Severity.ERROR] == []
    # the PPM tool licence ends on 2027-06-30, within a year of "today"
    assert [(d.code, str(d.span)) for d in diagnostics] == [
        ("ingredient-expiring", f"{CATALOGUE}/services/ppm-tool-onboarding.yaml:9:15")]


def test_minimal_catalogue_is_clean(minimal_copy: Path) -> None:
    assert check(minimal_copy) == []


def _expected(root: Path) -> list[tuple[str, int, int, str]]:
    rows = []
    for line in (root / "EXPECTED.txt").read_text().splitlines():
        entry = line.split("#", 1)[0].split()
        if entry:
            path, row, column = entry[0].rsplit(":", 2)
            rows.append((path, int(row), int(column), entry[1]))
    return sorted(rows)


def test_broken_example_reports_exactly_the_planted_problems() -> None:
    root = EXAMPLES / "broken"
    got = sorted((Path(d.span.path).relative_to(root).as_posix(), d.span.line, d.span.column, d.code)
                 for d in check(root))
    assert got == _expected(root)


def test_broken_example_shows_off_every_code() -> None:
    shown = {code for *_, code in _expected(EXAMPLES / "broken")}
    documented = {rule.code for rule in rules()}
    # missing-file needs a catalogue without a roster; book-does-not-fit one without errors;
    # unsafe-path a symbolic link, which a Windows checkout turns into a text file naming
    # its target, so the example would show another code there
    assert documented - shown == {"missing-file", "book-does-not-fit", "unsafe-path"}
    assert shown <= documented


def test_every_diagnostic_has_a_plain_message_and_a_real_position() -> None:
    root = EXAMPLES / "broken"
    for d in check(root):
        assert d.message and d.message == d.message.strip(), d
        assert "Traceback" not in d.message and "pydantic" not in d.message.lower()
        if Path(d.span.path).is_file():
            lines = Path(d.span.path).read_bytes().split(b"\n")
            assert 1 <= d.span.line <= len(lines), d


# unknown-reference


def test_unknown_reference_points_at_the_value_with_a_suggestion(minimal_copy: Path) -> None:
    service = minimal_copy / "services" / "project-health-check.yaml"
    edit(service, "owner: ann", "owner: anne")
    edit(service, "{skill: assurance,", "{skill: asurance,")
    edit(service, "[health-check-template]", "[health-check-templat]")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "unknown-reference") == [
        ("project-health-check.yaml", 6, 8), ("project-health-check.yaml", 7, 15),
        ("project-health-check.yaml", 9, 13)]
    hints = {d.hint for d in diagnostics if d.code == "unknown-reference"}
    assert hints == {"did you mean 'ann'?", "did you mean 'assurance'?",
                     "did you mean 'health-check-template'?"}
    assert all(d.severity is Severity.ERROR for d in diagnostics if d.code == "unknown-reference")


def test_unknown_reference_from_the_roster_and_ingredients(minimal_copy: Path) -> None:
    edit(minimal_copy / "roster.yaml", "skills: {assurance: 4,", "skills: {assurence: 4,")
    edit(minimal_copy / "ingredients.yaml", "status: ready}", "status: ready, owner: zed}")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "unknown-reference") == [("ingredients.yaml", 2, 100),
                                                       ("roster.yaml", 2, 39)]
    roster = only([d for d in diagnostics if "roster" in d.span.path], "unknown-reference")
    assert roster.message == "there is no skill 'assurence'"
    assert roster.hint == "did you mean 'assurance'?"


def test_a_reference_to_a_broken_item_is_not_reported_again(minimal_copy: Path) -> None:
    edit(minimal_copy / "roster.yaml", "{id: ann, name: Ann Lee,", "{id: ann, nme: Ann Lee,")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "unknown-reference") == []
    assert sorted(d.code for d in diagnostics if d.severity is Severity.ERROR) == ["unknown-key"]  # the misspelt name, once


def test_unknown_request_service(minimal_copy: Path) -> None:
    edit(minimal_copy / "requests" / "REQ-001.yaml", "service: project-health-check", "service: health")
    assert found(check(minimal_copy), "unknown-reference") == [("REQ-001.yaml", 2, 10)]


def test_a_request_for_a_service_file_that_cannot_be_read_is_not_a_second_problem(
        minimal_copy: Path) -> None:
    edit(minimal_copy / "services" / "project-health-check.yaml", "name: Project", "name: [Project")
    diagnostics = check(minimal_copy)
    assert [d.code for d in diagnostics] == ["yaml-syntax"]


@pytest.mark.parametrize("broken", ["skills.yaml", "roster.yaml"])
def test_references_into_an_unreadable_file_are_not_reported_one_by_one(
        minimal_copy: Path, broken: str) -> None:
    (minimal_copy / broken).write_text("skills: [unclosed\n")
    assert [d.code for d in check(minimal_copy)] == ["yaml-syntax"]
    (minimal_copy / broken).unlink()
    assert [d.code for d in check(minimal_copy)] == ["missing-file"]


def test_an_empty_list_means_every_reference_dangles(minimal_copy: Path) -> None:
    (minimal_copy / "skills.yaml").write_text("skills: []\n")
    assert len(found(check(minimal_copy), "unknown-reference")) == 7  # 2 recipes, 5 skills held


def test_without_ingredients_yaml_an_ingredient_is_unknown(minimal_copy: Path) -> None:
    (minimal_copy / "ingredients.yaml").unlink()
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "unknown-reference") == [("project-health-check.yaml", 7, 15)]
    assert only(diagnostics, "unknown-reference").hint == "add it to ingredients.yaml, or correct the id"


# missing-due and due-before-start


def test_missing_due_except_for_monthly_services(minimal_copy: Path) -> None:
    request = minimal_copy / "requests" / "REQ-001.yaml"
    edit(request, "due: 2027-03-12\n", "")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "missing-due") == [("REQ-001.yaml", 1, 1)]
    assert only(diagnostics, "missing-due").severity is Severity.ERROR
    edit(request, "service: project-health-check", "service: monthly-report")
    assert found(check(minimal_copy), "missing-due") == []


def test_due_before_start(minimal_copy: Path) -> None:
    request = minimal_copy / "requests" / "REQ-001.yaml"
    edit(request, "due: 2027-03-12", "due: 2027-01-29")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "due-before-start") == [("REQ-001.yaml", 6, 6)]
    assert "2027-01-29" in only(diagnostics, "due-before-start").message
    edit(request, "due: 2027-01-29", "due: 2027-02-01")  # one day is enough
    assert found(check(minimal_copy), "due-before-start") == []


# unknown-level


def test_unknown_level(minimal_copy: Path) -> None:
    (minimal_copy / "skills.yaml").write_text(
        "levels: {1: Aware, 2: Practitioner, 3: Expert}\n"
        "skills:\n  - {id: assurance, name: Project assurance}\n  - {id: reporting, name: Reporting}\n")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "unknown-level") == [("roster.yaml", 2, 50)]
    assert only(diagnostics, "unknown-level").hint == \
        "skills.yaml names 1 (Aware), 2 (Practitioner), 3 (Expert)"
    edit(minimal_copy / "services" / "project-health-check.yaml", "level: 3", "level: 4")
    assert found(check(minimal_copy), "unknown-level") == [
        ("project-health-check.yaml", 9, 31), ("roster.yaml", 2, 50)]


def test_a_gap_in_the_levels_is_unknown_too(minimal_copy: Path) -> None:
    (minimal_copy / "skills.yaml").write_text(
        "levels: {1: Aware, 2: Practitioner, 4: Expert}\n"
        "skills:\n  - {id: assurance, name: Project assurance}\n  - {id: reporting, name: Reporting}\n")
    # Bob's assurance and reporting are both at the unnamed level 3
    assert found(check(minimal_copy), "unknown-level") == [
        ("project-health-check.yaml", 9, 31), ("roster.yaml", 3, 52), ("roster.yaml", 3, 66)]


# unknown-country


def test_unknown_country_and_region(minimal_copy: Path) -> None:
    pmo = minimal_copy / "pmo.yaml"
    append(pmo, "holidays: {country: XX}\n")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "unknown-country") == [("pmo.yaml", 10, 21)]
    edit(pmo, "{country: XX}", "{country: GB, subdivision: XYZ}")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "unknown-country") == [("pmo.yaml", 10, 38)]
    assert "ENG" in (only(diagnostics, "unknown-country").hint or "")


@pytest.mark.parametrize(("holidays", "hint"), [
    ("{country: GB, subdivision: eng}", "did you mean 'ENG'?"),
    ("{country: GB, subdivision: EN}", "did you mean 'ENG'?"),
    ("{country: IS, subdivision: X}", "IS's calendar has no regions: leave 'subdivision' out"),
    ("{country: GBX}", "did you mean 'GB'?"),
    ("{country: QQ}", "use an ISO 3166 country code, such as GB, IE or US"),
])
def test_unknown_country_hints(minimal_copy: Path, holidays: str, hint: str) -> None:
    append(minimal_copy / "pmo.yaml", f"holidays: {holidays}\n")
    assert only(check(minimal_copy), "unknown-country").hint == hint


@pytest.mark.parametrize(("holidays", "column", "hint"), [
    ("{subdivision: ENG}", 25, "add 'country: GB' beside it"),
    ("{extra: [], subdivision: BY}", 36, "add 'country: DE' beside it"),
    ("{subdivision: CA}", 25, "add its country beside it: CV, IT, NI, SV, US have a region 'CA'"),
    ("{subdivision: XYZ}", 25, "add 'country:' with an ISO 3166 country code, such as GB, IE or "
                              "US, or leave 'subdivision' out"),
])
def test_a_region_without_its_country(minimal_copy: Path, holidays: str, column: int, hint: str) -> None:
    # the library looks a region up within its country: alone, it used to be ignored
    append(minimal_copy / "pmo.yaml", f"holidays: {holidays}\n")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "unknown-country") == [("pmo.yaml", 10, column)]
    assert "has no country" in only(diagnostics, "unknown-country").message
    assert only(diagnostics, "unknown-country").hint == hint


@pytest.mark.parametrize("holidays", [
    "{country: GB, subdivision: ENG}", "{country: GB, subdivision: England}", "{country: GBR}",
    "{country: US, subdivision: CA}", "{extra: [{date: 2027-01-04}]}",
])
def test_known_countries_regions_and_aliases(minimal_copy: Path, holidays: str) -> None:
    append(minimal_copy / "pmo.yaml", f"holidays: {holidays}\n")
    assert check(minimal_copy) == []


# uncookable-service and single-chef


def test_uncookable_and_single_chef(minimal_copy: Path) -> None:
    service = minimal_copy / "services" / "project-health-check.yaml"
    edit(service, "level: 3, hours: 24", "level: 4, hours: 24")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "single-chef") == [("project-health-check.yaml", 9, 13)]
    assert "Ann Lee" in only(diagnostics, "single-chef").message
    edit(service, "level: 4, hours: 24", "level: 5, hours: 24")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "uncookable-service") == [("project-health-check.yaml", 9, 13)]
    assert only(diagnostics, "uncookable-service").hint == \
        "the most anyone has is level 4: lower the line's level, or train or hire someone"
    assert found(diagnostics, "single-chef") == []


def test_uncookable_when_nobody_has_the_skill_at_all(minimal_copy: Path) -> None:
    append(minimal_copy / "skills.yaml", "  - {id: coaching, name: Coaching}\n")
    edit(minimal_copy / "services" / "monthly-report.yaml", "skill: reporting", "skill: coaching")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "uncookable-service") == [("monthly-report.yaml", 8, 13)]
    assert (only(diagnostics, "uncookable-service").hint or "").startswith(
        "nobody on the roster has coaching at all")


def test_a_dangling_skill_is_not_also_uncookable(minimal_copy: Path) -> None:
    edit(minimal_copy / "services" / "monthly-report.yaml", "skill: reporting", "skill: coaching")
    assert [d.code for d in check(minimal_copy)] == ["unknown-reference"]


@pytest.mark.parametrize("status", ["planned", "retired"])
def test_services_off_the_menu_need_no_chef(minimal_copy: Path, status: str) -> None:
    service = minimal_copy / "services" / "project-health-check.yaml"
    edit(service, "level: 3, hours: 24", "level: 4, hours: 24")
    edit(service, "status: live", f"status: {status}")
    assert found(check(minimal_copy), "single-chef") == []
    edit(service, "level: 4, hours: 24", "level: 5, hours: 24")
    assert found(check(minimal_copy), "uncookable-service") == []


def test_pilot_services_need_chefs_too(minimal_copy: Path) -> None:
    service = minimal_copy / "services" / "project-health-check.yaml"
    edit(service, "level: 3, hours: 24", "level: 5, hours: 24")
    edit(service, "status: live", "status: pilot")
    assert found(check(minimal_copy), "uncookable-service") == [("project-health-check.yaml", 9, 13)]


# ingredient-retired, ingredient-not-ready, ingredient-expiring


def test_ingredient_retired(minimal_copy: Path) -> None:
    edit(minimal_copy / "ingredients.yaml", "status: ready}", "status: retired}")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "ingredient-retired") == [("project-health-check.yaml", 7, 15)]
    assert only(diagnostics, "ingredient-retired").severity is Severity.WARNING


def test_ingredient_not_ready(minimal_copy: Path) -> None:
    ingredients = minimal_copy / "ingredients.yaml"
    edit(ingredients, "status: ready}", "status: in-progress}")
    assert found(check(minimal_copy), "ingredient-not-ready") == [("project-health-check.yaml", 7, 15)]
    edit(ingredients, "status: in-progress}", "status: ready, available_from: 2027-03-01}")
    assert found(check(minimal_copy), "ingredient-not-ready") == [("project-health-check.yaml", 7, 15)]
    # a service whose season starts once the ingredient is there is fine
    append(minimal_copy / "services" / "project-health-check.yaml",
           "available:\n  - {from: 2027-03-01, to: 2027-12-31}\n")
    assert found(check(minimal_copy), "ingredient-not-ready") == []


def test_ingredient_expiring(minimal_copy: Path) -> None:
    ingredients = minimal_copy / "ingredients.yaml"
    service = minimal_copy / "services" / "project-health-check.yaml"
    # more than a year away, and the service has no season: nothing to do yet
    edit(ingredients, "status: ready}", "status: ready, available_until: 2029-06-30}")
    assert check(minimal_copy) == []
    # but a season that runs past it promises what cannot be cooked
    append(service, "available:\n  - {from: 2027-01-01, to: 2029-12-31}\n")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "ingredient-expiring") == [("project-health-check.yaml", 7, 15)]
    assert "has a season after that" in only(diagnostics, "ingredient-expiring").message
    # the season ends with the licence: fine
    edit(service, "to: 2029-12-31", "to: 2029-06-30")
    assert check(minimal_copy) == []
    # within a year: time to renew, even though the season ends with it
    edit(ingredients, "2029-06-30", "2027-06-30")
    edit(service, "to: 2029-06-30", "to: 2027-06-30")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "ingredient-expiring") == [("project-health-check.yaml", 7, 15)]
    assert "in 211 days" in only(diagnostics, "ingredient-expiring").message


def test_ingredient_expired_already(minimal_copy: Path) -> None:
    edit(minimal_copy / "ingredients.yaml", "status: ready}", "status: ready, available_until: 2026-11-30}")
    diagnostics = check(minimal_copy)
    assert "ran out on 2026-11-30" in only(diagnostics, "ingredient-expiring").message
    # a season that is over needs nothing any more
    append(minimal_copy / "services" / "project-health-check.yaml",
           "available:\n  - {from: 2026-01-01, to: 2026-11-30}\n")
    assert check(minimal_copy) == []


def test_ingredient_checks_judge_by_today(minimal_copy: Path) -> None:
    edit(minimal_copy / "ingredients.yaml", "status: ready}", "status: ready, available_until: 2027-06-30}")
    append(minimal_copy / "services" / "project-health-check.yaml",
           "available:\n  - {from: 2026-01-01, to: 2027-06-30}\n")
    assert found(check(minimal_copy), "ingredient-expiring") != []
    assert found(check(minimal_copy, date(2025, 12, 1)), "ingredient-expiring") == []


@pytest.mark.parametrize("status", ["planned", "retired"])
def test_ingredients_of_services_off_the_menu_do_not_matter(minimal_copy: Path, status: str) -> None:
    edit(minimal_copy / "ingredients.yaml", "status: ready}", "status: retired}")
    edit(minimal_copy / "services" / "project-health-check.yaml", "status: live", f"status: {status}")
    assert check(minimal_copy) == []


# price-below-cost


def test_price_below_cost(minimal_copy: Path) -> None:
    edit(minimal_copy / "services" / "project-health-check.yaml", "amount: 4500", "amount: 900")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "price-below-cost") == [("project-health-check.yaml", 12, 31)]
    warning = only(diagnostics, "price-below-cost")
    assert "costs at least £960 per unit" in warning.message  # 24 h at Bob's 40 an hour
    assert warning.hint == "raise the price to £960 or more, or change the recipe"


@pytest.mark.parametrize(("price", "below"), [
    ("{model: hourly, amount: 39.99}", "priced at £39.99 per hour, but costs at least £40 per hour"),
    ("{model: hourly, amount: 40}", None),
    ("{model: day_rate, amount: 299}", "at least £300 per day"),  # 7.5 h at 40
    ("{model: day_rate, amount: 300}", None),
    ("{model: fixed, amount: 959.99}", "priced at £959.99 per unit, but costs at least £960 per unit"),
    ("{model: free}", None),
])
def test_price_below_cost_by_price_model(minimal_copy: Path, price: str, below: str | None) -> None:
    edit(minimal_copy / "services" / "project-health-check.yaml", "{model: fixed, amount: 4500}", price)
    diagnostics = [d for d in check(minimal_copy) if d.code == "price-below-cost"]
    assert [below in d.message for d in diagnostics] == ([True] if below else [])


@pytest.mark.parametrize(("hours", "bob", "model", "day_hours", "even"), [
    # 10 h at 41.36 over 7.5-hour days is 310.20 a day exactly: it used to say 310.21
    ("10", "41.36", "day_rate", None, "310.20"),
    # 0.3333333 h at 41.37 is 41.37 an hour: hours rounded to 6 places made it 41.38
    ("0.3333333", "41.37", "hourly", None, "41.37"),
    ("37.5", "41.37", "hourly", None, "41.37"),
    ("7.5", "41.37", "day_rate", None, "310.28"),      # 310.275, a cent up
    ("7", "41.37", "day_rate", "7.2", "297.87"),       # 297.864, a cent up
    ("24", "41.37", "fixed", None, "992.88"),
])
def test_the_break_even_price_is_exact(minimal_copy: Path, hours: str, bob: str, model: str,
                                       day_hours: str | None, even: str) -> None:
    service = minimal_copy / "services" / "project-health-check.yaml"
    edit(service, "level: 3, hours: 24", f"level: 3, hours: {hours}")
    edit(minimal_copy / "roster.yaml", "cost_per_hour: 40", f"cost_per_hour: {bob}")
    if day_hours:
        append(minimal_copy / "pmo.yaml", f"day_hours: {day_hours}\n")
    edit(service, "{model: fixed, amount: 4500}", f"{{model: {model}, amount: 1}}")
    assert only(check(minimal_copy), "price-below-cost").hint == (
        f"raise the price to £{even} or more, or change the recipe")
    # the hint is the least price that passes: a cent less is still below cost
    edit(service, "amount: 1}", f"amount: {Decimal(even) - Decimal('0.01')}}}")
    assert [line for _, line, _ in found(check(minimal_copy), "price-below-cost")] == [12]
    edit(service, f"amount: {Decimal(even) - Decimal('0.01')}}}", f"amount: {even}}}")
    assert found(check(minimal_copy), "price-below-cost") == []


def test_a_monthly_price_against_a_months_recipe(minimal_copy: Path) -> None:
    # 8 h of reporting at level 2: Cat, at 30 an hour, is the cheapest
    service = minimal_copy / "services" / "monthly-report.yaml"
    edit(service, "amount: 500", "amount: 239")
    assert "at least £240 per month" in only(check(minimal_copy), "price-below-cost").message
    edit(service, "amount: 239", "amount: 240")
    assert check(minimal_copy) == []


def test_a_price_nobody_can_cook_for_is_not_also_below_cost(minimal_copy: Path) -> None:
    service = minimal_copy / "services" / "project-health-check.yaml"
    edit(service, "level: 3, hours: 24", "level: 5, hours: 24")
    edit(service, "amount: 4500", "amount: 1")
    assert [d.code for d in check(minimal_copy)] == ["uncookable-service"]


# over-committed


def test_over_committed(minimal_copy: Path) -> None:
    roster = minimal_copy / "roster.yaml"
    append(roster, (
        "  - id: dan\n"
        "    name: Dan Roe\n"
        "    skills: {reporting: 1}\n"
        "    hours_per_week: 22.5\n"
        "    commitments:\n"
        "      - {from: 2027-01-04, to: 2027-06-30, hours_per_week: 15}\n"
        "      - {from: 2027-03-01, to: 2027-03-31, hours_per_week: 10}\n"))
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "over-committed") == [("roster.yaml", 11, 60)]
    assert "25 hours a week from 2027-03-01" in only(diagnostics, "over-committed").message
    edit(roster, "hours_per_week: 10}", "hours_per_week: 7.5}")  # exactly full is fine
    assert check(minimal_copy) == []
    edit(roster, "to: 2027-06-30", "to: 2027-02-28")  # one after the other is fine
    edit(roster, "hours_per_week: 7.5}", "hours_per_week: 20}")
    assert check(minimal_copy) == []


def test_over_committed_reports_the_earliest_overload_once(minimal_copy: Path) -> None:
    append(minimal_copy / "roster.yaml", (
        "  - id: dan\n"
        "    name: Dan Roe\n"
        "    skills: {reporting: 1}\n"
        "    hours_per_week: 10\n"
        "    commitments:\n"
        "      - {from: 2027-05-01, to: 2027-05-31, hours_per_week: 12}\n"
        "      - {from: 2027-01-04, to: 2027-01-31, hours_per_week: 11}\n"))
    assert found(check(minimal_copy), "over-committed") == [("roster.yaml", 11, 60)]


# book-does-not-fit (the check is planning's; it runs last, on a catalogue without errors)


def test_book_does_not_fit(minimal_copy: Path) -> None:
    request = minimal_copy / "requests" / "REQ-001.yaml"
    request.write_text(request.read_text().replace("quantity: 1", "quantity: 20") + "status: accepted\n")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "book-does-not-fit") == [("REQ-001.yaml", 8, 9)]
    request.write_text(request.read_text().replace("quantity: 20", "quantity: 2"))
    assert found(check(minimal_copy), "book-does-not-fit") == []


def test_the_book_is_not_planned_while_there_are_errors(minimal_copy: Path) -> None:
    request = minimal_copy / "requests" / "REQ-001.yaml"
    request.write_text(request.read_text().replace("quantity: 1", "quantity: 20") + "status: accepted\n")
    append(minimal_copy / "pmo.yaml", "holidays: {country: GB, subdivision: XYZ}\n")
    assert [d.code for d in check(minimal_copy)] == ["unknown-country"]


# codes reported while loading that the documentation's examples cannot show as YAML


def test_duplicate_ids_and_file_names(minimal_copy: Path) -> None:
    services = minimal_copy / "services"
    (services / "copy.yaml").write_text((services / "project-health-check.yaml").read_text())
    diagnostics = check(minimal_copy)
    # both files are marked, so the copy a pull request adds carries an annotation too
    assert sorted(found(diagnostics, "duplicate-id")) == [("copy.yaml", 1, 5),
                                                           ("project-health-check.yaml", 1, 5)]
    by_file = {Path(d.span.path).name: d for d in diagnostics if d.code == "duplicate-id"}
    assert "services/project-health-check.yaml:1" in by_file["copy.yaml"].message
    assert "services/copy.yaml:1" in by_file["project-health-check.yaml"].message
    # files load in name order: the first read is the one kept, and the hint says which
    assert "reads this one" in (by_file["copy.yaml"].hint or "")
    assert "leaves this one out" in (by_file["project-health-check.yaml"].hint or "")
    assert found(diagnostics, "filename-mismatch") == [("copy.yaml", 1, 5)]
    assert only(diagnostics, "filename-mismatch").severity is Severity.WARNING


def test_duplicate_request_ids_across_files(minimal_copy: Path) -> None:
    requests = minimal_copy / "requests"
    (requests / "REQ-002.yaml").write_text((requests / "REQ-001.yaml").read_text())
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "duplicate-id") == [("REQ-001.yaml", 1, 5), ("REQ-002.yaml", 1, 5)]
    first, second = (d for d in diagnostics if d.code == "duplicate-id")
    assert first.message.endswith("also used at " + str(Path(second.span.path)) + ":1")
    assert second.message.endswith("also used at " + str(Path(first.span.path)) + ":1")


def test_an_id_used_three_times_names_the_other_two_at_each(minimal_copy: Path) -> None:
    roster = minimal_copy / "roster.yaml"
    append(roster, "  - {id: ann, name: Ann Two, skills: {reporting: 2}, hours_per_week: 10}\n"
                   "  - {id: ann, name: Ann Three, skills: {reporting: 2}, hours_per_week: 10}\n")
    diagnostics = [d for d in check(minimal_copy) if d.code == "duplicate-id"]
    assert [(d.span.line, d.span.column) for d in diagnostics] == [(2, 10), (5, 10), (6, 10)]
    path = str(roster)
    assert [d.message.split(" also used at ")[1] for d in diagnostics] == [
        f"{path}:5 and {path}:6", f"{path}:2 and {path}:6", f"{path}:2 and {path}:5"]
    assert all(d.severity is Severity.ERROR for d in diagnostics)


def test_an_id_copied_many_times_names_a_few_places_at_each(minimal_copy: Path) -> None:
    roster = minimal_copy / "roster.yaml"
    append(roster, "".join(f"  - {{id: ann, name: Ann {n}, skills: {{reporting: 2}}, hours_per_week: 10}}\n"
                           for n in range(300)))
    diagnostics = [d for d in check(minimal_copy) if d.code == "duplicate-id"]
    assert len(diagnostics) == 301
    path = str(roster)
    assert diagnostics[0].message == (f"the person id 'ann' is also used at {path}:5, {path}:6, "
                                      f"{path}:7, {path}:8 and 296 other places")
    assert diagnostics[2].message.endswith(f"at {path}:2, {path}:5, {path}:7, {path}:8 and 296 other places")
    assert max(len(d.message) for d in diagnostics) < 400


def test_encoding(minimal_copy: Path) -> None:
    (minimal_copy / "services" / "cafe.yaml").write_bytes(b"id: cafe\nname: Caf\xe9 review\n")
    assert found(check(minimal_copy), "encoding") == [("cafe.yaml", 2, 10)]


def test_unreadable_file(minimal_copy: Path) -> None:
    (minimal_copy / "requests" / "REQ-099.yaml").mkdir()
    assert found(check(minimal_copy), "unreadable-file") == [("REQ-099.yaml", 1, 1)]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_without_permission(minimal_copy: Path) -> None:
    (minimal_copy / "roster.yaml").chmod(0)
    assert found(check(minimal_copy), "unreadable-file") == [("roster.yaml", 1, 1)]


@pytest.mark.parametrize("name", ["pmo.yaml", "skills.yaml", "roster.yaml"])
def test_missing_file(minimal_copy: Path, name: str) -> None:
    (minimal_copy / name).unlink()
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "missing-file") == [(name, 1, 1)]
    assert re.fullmatch(rf"create {re.escape(name)}: .+", only(diagnostics, "missing-file").hint or "")


# run_checks itself


def test_run_checks_can_judge_by_a_given_day_and_leave_out_warnings(minimal_copy: Path) -> None:
    edit(minimal_copy / "ingredients.yaml", "status: ready}", "status: ready, available_until: 2027-06-30}")
    append(minimal_copy / "services" / "project-health-check.yaml",
           "available:\n  - {from: 2026-01-01, to: 2027-06-30}\n")
    edit(minimal_copy / "requests" / "REQ-001.yaml", "due: 2027-03-12\n", "")
    cat, loaded = load_catalogue(str(minimal_copy))
    assert sorted(d.code for d in run_checks(cat, loaded, day=TODAY)) == ["ingredient-expiring",
                                                                         "missing-due"]
    assert [d.code for d in run_checks(cat, loaded, day=TODAY, warnings=False)] == ["missing-due"]
    assert [d.code for d in run_checks(cat, loaded, day=date(2026, 6, 29))] == ["missing-due"]
