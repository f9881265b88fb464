"""Each check finds its problem at the right line and column, and stays quiet otherwise."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pmocat.checks import rules, run_checks, set_today
from pmocat.diagnostics import Diagnostic, Severity
from pmocat.sources.catalogue import load_catalogue
from tests.conftest import CATALOGUE


@pytest.fixture(autouse=True)
def _fixed_today() -> object:
    set_today(date(2026, 12, 1))
    yield
    set_today(None)


def check(root: Path) -> list[Diagnostic]:
    cat, loaded = load_catalogue(str(root))
    return loaded + run_checks(cat, loaded)


def found(diagnostics: list[Diagnostic], code: str) -> list[tuple[str, int, int]]:
    return [(Path(d.span.path).name, d.span.line, d.span.column) for d in diagnostics if d.code == code]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_bundled_catalogue_is_clean() -> None:
    assert check(CATALOGUE) == []


def test_minimal_catalogue_is_clean(minimal_copy: Path) -> None:
    assert check(minimal_copy) == []


def test_every_code_is_documented_with_examples() -> None:
    for rule in rules():
        assert rule.doc.strip(), rule.code
        assert "Failing" in rule.doc and "Passing" in rule.doc, rule.code


def test_unknown_reference_points_at_the_value_with_a_suggestion(minimal_copy: Path) -> None:
    service = minimal_copy / "services" / "project-health-check.yaml"
    edit(service, "owner: ann", "owner: anne")
    edit(service, "{skill: assurance,", "{skill: asurance,")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "unknown-reference") == [
        ("project-health-check.yaml", 6, 8), ("project-health-check.yaml", 9, 13)]
    hints = {d.hint for d in diagnostics if d.code == "unknown-reference"}
    assert hints == {"did you mean 'ann'?", "did you mean 'assurance'?"}


def test_a_reference_to_a_broken_item_is_not_reported_again(minimal_copy: Path) -> None:
    edit(minimal_copy / "roster.yaml", "{id: ann, name: Ann Lee,", "{id: ann, nme: Ann Lee,")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "unknown-reference") == []
    assert sorted(d.code for d in diagnostics if d.severity is Severity.ERROR) == ["missing-key", "unknown-key"]


def test_unknown_request_service(minimal_copy: Path) -> None:
    edit(minimal_copy / "requests" / "REQ-001.yaml", "service: project-health-check", "service: health")
    assert found(check(minimal_copy), "unknown-reference") == [("REQ-001.yaml", 2, 10)]


def test_missing_due_except_for_monthly_services(minimal_copy: Path) -> None:
    request = minimal_copy / "requests" / "REQ-001.yaml"
    edit(request, "due: 2027-03-12\n", "")
    assert found(check(minimal_copy), "missing-due") == [("REQ-001.yaml", 1, 1)]
    edit(request, "service: project-health-check", "service: monthly-report")
    assert found(check(minimal_copy), "missing-due") == []


def test_unknown_level(minimal_copy: Path) -> None:
    (minimal_copy / "skills.yaml").write_text(
        "levels: {1: Aware, 2: Practitioner, 3: Expert}\n"
        "skills:\n  - {id: assurance, name: Project assurance}\n  - {id: reporting, name: Reporting}\n")
    diagnostics = check(minimal_copy)
    assert ("roster.yaml", 2, 50) in found(diagnostics, "unknown-level")


def test_unknown_country_and_region(minimal_copy: Path) -> None:
    pmo = minimal_copy / "pmo.yaml"
    pmo.write_text(pmo.read_text() + "holidays: {country: XX}\n")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "unknown-country") == [("pmo.yaml", 10, 21)]
    pmo.write_text(pmo.read_text().replace("{country: XX}", "{country: GB, subdivision: XYZ}"))
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "unknown-country") == [("pmo.yaml", 10, 38)]
    assert "ENG" in (diagnostics[0].hint or "")


def test_uncookable_and_single_chef(minimal_copy: Path) -> None:
    service = minimal_copy / "services" / "project-health-check.yaml"
    edit(service, "level: 3, hours: 24", "level: 4, hours: 24")
    assert found(check(minimal_copy), "single-chef") == [("project-health-check.yaml", 9, 13)]
    edit(service, "level: 4, hours: 24", "level: 5, hours: 24")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "uncookable-service") == [("project-health-check.yaml", 9, 13)]
    assert found(diagnostics, "single-chef") == []


def test_planned_services_need_no_chef(minimal_copy: Path) -> None:
    service = minimal_copy / "services" / "project-health-check.yaml"
    edit(service, "level: 3, hours: 24", "level: 5, hours: 24")
    edit(service, "status: live", "status: planned")
    assert found(check(minimal_copy), "uncookable-service") == []


def test_ingredient_not_ready_or_expiring(minimal_copy: Path) -> None:
    ingredients = minimal_copy / "ingredients.yaml"
    edit(ingredients, "status: ready}", "status: retired}")
    assert found(check(minimal_copy), "ingredient-unavailable") == [("project-health-check.yaml", 7, 15)]
    edit(ingredients, "status: retired}", "status: ready, available_until: 2027-06-30}")
    assert found(check(minimal_copy), "ingredient-unavailable") == [("project-health-check.yaml", 7, 15)]
    service = minimal_copy / "services" / "project-health-check.yaml"
    service.write_text(service.read_text() + "available:\n  - {from: 2027-01-01, to: 2027-06-30}\n")
    assert found(check(minimal_copy), "ingredient-unavailable") == []


def test_price_below_cost(minimal_copy: Path) -> None:
    edit(minimal_copy / "services" / "project-health-check.yaml", "amount: 4500", "amount: 900")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "price-below-cost") == [("project-health-check.yaml", 12, 31)]
    assert "960.00" in diagnostics[0].message  # 24 h at Bob's 40 an hour


def test_over_committed(minimal_copy: Path) -> None:
    roster = minimal_copy / "roster.yaml"
    roster.write_text(roster.read_text() + (
        "  - id: dan\n"
        "    name: Dan Roe\n"
        "    skills: {reporting: 1}\n"
        "    hours_per_week: 22.5\n"
        "    commitments:\n"
        "      - {from: 2027-01-04, to: 2027-06-30, hours_per_week: 15}\n"
        "      - {from: 2027-03-01, to: 2027-03-31, hours_per_week: 10}\n"))
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "over-committed") == [("roster.yaml", 11, 60)]
    assert "25 h a week from 2027-03-01" in diagnostics[0].message


def test_book_does_not_fit(minimal_copy: Path) -> None:
    request = minimal_copy / "requests" / "REQ-001.yaml"
    request.write_text(request.read_text().replace("quantity: 1", "quantity: 20") + "status: accepted\n")
    diagnostics = check(minimal_copy)
    assert found(diagnostics, "book-does-not-fit") == [("REQ-001.yaml", 8, 9)]
    request.write_text(request.read_text().replace("quantity: 20", "quantity: 2"))
    assert found(check(minimal_copy), "book-does-not-fit") == []


def test_duplicate_ids_and_file_names(minimal_copy: Path) -> None:
    services = minimal_copy / "services"
    (services / "copy.yaml").write_text((services / "project-health-check.yaml").read_text())
    diagnostics = check(minimal_copy)
    # files load in name order, so the second one read holds the duplicate
    assert found(diagnostics, "duplicate-id") == [("project-health-check.yaml", 1, 5)]
    assert found(diagnostics, "filename-mismatch") == [("copy.yaml", 1, 5)]


def test_broken_example_reports_every_planted_problem() -> None:
    root = CATALOGUE.parent / "examples" / "broken"
    expected = [line.split() for line in (root / "EXPECTED.txt").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    diagnostics = check(root)
    got = sorted([d.span.path.split("examples/broken/")[-1], f"{d.span.line}:{d.span.column}", d.code]
                 for d in diagnostics)
    assert got == sorted([path, where, code] for path, where, code in expected)
    # the example shows off every code but those that need a valid pmo.yaml or a missing file
    documented = {rule.code for rule in rules()}
    elsewhere = {"unreadable-file", "missing-file", "unknown-level", "unknown-country",
                 "price-below-cost", "book-does-not-fit"}
    assert documented - elsewhere <= {d.code for d in diagnostics}
