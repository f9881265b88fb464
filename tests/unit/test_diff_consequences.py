"""diff/consequences.py: what a change does, and which of it a --fail-on guard stops."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pmocat.diagnostics import Diagnostic, Severity, Span
from pmocat.diff import diff, failing
from pmocat.diff.changes import compare
from pmocat.diff.consequences import Consequence, Side
from pmocat.render.diff import summary
from pmocat.sources.catalogue import load_catalogue
from tests.cases.diff.test_diff_golden import CASES

TODAY = date(2027, 1, 4)
ROOT = str(CASES / "person-leaves" / "base" / "catalogue")


def _sides() -> tuple[Side, Side]:
    (base, a), (head, b) = load_catalogue(ROOT), load_catalogue(ROOT)
    return Side("main", base, a, ROOT, "catalogue"), Side("the work tree", head, b, ROOT, "catalogue")


def test_a_request_accepted_is_not_one_the_plan_no_longer_takes() -> None:
    base, head = _sides()
    assert head.cat is not None
    taken = head.cat.requests["REQ-003"]
    head.cat.requests["REQ-003"] = taken.model_copy(update={"status": "accepted"})
    report = diff(base, head, today=TODAY)
    plan = [(c.id, c.before, c.after) for c in report.consequences if c.code == "plan"]
    assert plan == [("REQ-003", "taken", "status accepted")]
    assert "no longer takes" not in summary(report)
    assert failing(report, {"plan", "verdict"}) == []


def test_a_request_added_says_whether_it_fits() -> None:
    base, head = _sides()
    assert head.cat is not None
    big = head.cat.requests["REQ-003"].model_copy(update={"id": "REQ-009", "quantity": 40})
    head.cat.requests["REQ-009"] = big
    report = diff(base, head, today=TODAY)
    verdicts = [(c.id, c.before, c.after) for c in report.consequences if c.code == "verdict"]
    assert verdicts == [("REQ-009", None, "no")]
    assert "REQ-009 does not fit (" in summary(report)
    assert failing(report, {"verdict"}) == []  # a request that never fitted is no regression


def test_a_guard_fails_when_head_cannot_be_planned() -> None:
    base, head = _sides()
    broken = Diagnostic("yaml-syntax", Severity.ERROR, "broken", Span(f"{ROOT}/roster.yaml", 3))
    head.diagnostics = [broken]
    report = diff(base, head, today=TODAY)
    assert "verdict" in report.unknown
    assert failing(report, {"verdict", "single-chef"}) == ["verdict"]
    base.diagnostics, head.diagnostics = [broken], []
    assert failing(diff(base, head, today=TODAY), {"verdict"}) == []  # a fix of BASE passes


def test_a_copy_of_a_file_is_not_a_move(tmp_path: Path) -> None:
    """The copy sorts first, so pmocat reads it; the original is still there: no move."""
    import shutil

    shutil.copytree(ROOT, tmp_path / "catalogue")
    services = tmp_path / "catalogue" / "services"
    shutil.copy(services / "risk-workshop.yaml", services / "copy-of-risk.yaml")
    (base, _), (head, _) = load_catalogue(ROOT), load_catalogue(str(tmp_path / "catalogue"))
    assert base is not None and head is not None
    assert compare(base, head) == ([], [])
    shutil.move(services / "copy-of-risk.yaml", services / "risk-workshop.yaml")
    shutil.move(services / "risk-workshop.yaml", services / "risky.yaml")
    (head, _) = load_catalogue(str(tmp_path / "catalogue"))
    assert head is not None
    assert [(m.before, m.after) for m in compare(base, head)[1]] == [
        ("services/risk-workshop.yaml", "services/risky.yaml")]


def test_a_book_still_short_but_by_less_is_not_worse() -> None:
    def book(before: list[tuple[str, float]], after: list[tuple[str, float]]) -> Consequence:
        return Consequence("book-does-not-fit", "changed", None, "does not fit", "does not fit", {
            "short_before": [{"request": r, "short_hours": h} for r, h in before],
            "short_after": [{"request": r, "short_hours": h} for r, h in after]})

    assert not book([("REQ-1", 45.0)], [("REQ-1", 20.0)]).worse
    assert book([("REQ-1", 20.0)], [("REQ-1", 45.0)]).worse
    assert book([("REQ-1", 45.0)], [("REQ-1", 10.0), ("REQ-2", 5.0)]).worse  # one more short
