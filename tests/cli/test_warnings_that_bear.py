"""can-take, plan and menu show only the catalogue warnings that bear on their answer, then
one line counting the others (issue 13, item 5). Each warning names what it is about
(`Diagnostic.subjects`), set by the check that found it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from pmocat.checks import run_checks
from pmocat.diagnostics import Severity
from pmocat.sources.catalogue import load_catalogue
from tests.cli.conftest import Result
from tests.conftest import CATALOGUE, TODAY

LICENCE = "PPM tool licence"


@pytest.fixture
def crowded(tmp_path: Path) -> Path:
    """The bundled catalogue (one warning: a licence runs out) and a service only one person
    can cook: two warnings, neither about the requests in the book."""
    root = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, root)
    service = (root / "services" / "raid-log-upkeep.yaml").read_text(encoding="utf-8")
    (root / "services" / "raid-audit.yaml").write_text(
        service.replace("id: raid-log-upkeep", "id: raid-audit")
        .replace("name: RAID log upkeep", "name: RAID audit")
        .replace("level: 3", "level: 4", 1), encoding="utf-8")
    return root


def warnings_of(root: Path) -> list[tuple[str, tuple[str, ...]]]:
    cat, diagnostics = load_catalogue(str(root))
    found = diagnostics + run_checks(cat, diagnostics, skip={"book-does-not-fit"},
                                     day=date.fromisoformat(TODAY))
    return [(d.code, d.subjects) for d in found if d.severity is Severity.WARNING]


def test_each_warning_names_what_it_is_about(crowded: Path) -> None:
    found = dict(warnings_of(crowded))
    assert found["ingredient-expiring"] == ("service:ppm-tool-onboarding", "ingredient:ppm-tool-licence")
    # about the service: the one person who can cook it is what it says, not its subject
    assert found["single-chef"] == ("service:raid-audit",)


def test_can_take_shows_the_warnings_about_its_request_only(run: Callable[..., Result], crowded: Path) -> None:
    asked = run("can-take", str(crowded / "requests" / "REQ-006.yaml"), "--catalogue", str(crowded),
                "--today", TODAY)
    assert LICENCE not in asked.stderr and "single-chef" not in asked.stderr
    assert f"2 other warnings in the catalogue: run 'pmocat check {crowded}'" in asked.stderr
    onboarding = run("can-take", "--catalogue", str(crowded), "--service", "ppm-tool-onboarding",
                     "--quantity", "1", "--start", "2027-02-01", "--due", "2027-03-30",
                     "--today", TODAY, "--format", "json")
    assert LICENCE in onboarding.stderr
    assert "1 other warning in the catalogue" in onboarding.stderr
    assert any(LICENCE in w for w in json.loads(onboarding.stdout)["warnings"])
    other = run("can-take", str(crowded / "requests" / "REQ-006.yaml"), "--catalogue", str(crowded),
                "--today", TODAY, "--format", "json")
    assert not any(LICENCE in w for w in json.loads(other.stdout)["warnings"])


def test_plan_shows_the_warnings_about_the_requests_it_decides(run: Callable[..., Result],
                                                                crowded: Path) -> None:
    result = run("plan", str(crowded), "--today", TODAY)
    assert LICENCE not in result.stderr and "single-chef" not in result.stderr
    assert "2 other warnings in the catalogue" in result.stderr


def test_menu_shows_the_warnings_about_what_it_prints(run: Callable[..., Result], crowded: Path,
                                                      tmp_path: Path) -> None:
    whole = run("menu", str(crowded), "--today", TODAY, "-o", str(tmp_path / "menu.html"))
    assert LICENCE in whole.stderr and "RAID audit" in whole.stderr
    assert "other warning" not in whole.stderr
    assurance = run("menu", str(crowded), "--today", TODAY, "--category", "Assurance",
                    "-o", str(tmp_path / "assurance.html"))
    assert LICENCE not in assurance.stderr and "RAID audit" not in assurance.stderr
    assert "2 other warnings in the catalogue" in assurance.stderr
