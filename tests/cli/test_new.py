"""`pmocat new`: what it refuses, and that it never half-writes a file."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Result
from tests.conftest import EXAMPLES, TODAY

Run = Callable[..., Result]


@pytest.fixture
def cat(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(EXAMPLES / "minimal", target)
    return target


def new(run: Run, cat: Path, *args: str) -> Result:
    return run("new", *args, "-c", str(cat), "--today", TODAY)


@pytest.mark.parametrize(("kind", "ident"), [("service", "Health_Check"), ("person", "9lives"),
                                             ("request", "REQ 1")])
def test_an_id_that_breaks_the_rules_is_refused(run: Run, cat: Path, kind: str,
                                                ident: str) -> None:
    result = new(run, cat, kind, ident)
    assert result.exit_code == 2
    assert f"'{ident}' cannot be a {kind} id" in result.stderr


def test_a_taken_service_id_names_its_file(run: Run, cat: Path) -> None:
    result = new(run, cat, "service", "monthly-report")
    assert result.exit_code == 2
    assert "there is a service 'monthly-report' already, at " in result.stderr
    assert "monthly-report.yaml:" in result.stderr


def test_a_roster_that_does_not_parse_is_left_whole(run: Run, cat: Path) -> None:
    roster = cat / "roster.yaml"
    roster.write_text(roster.read_text(encoding="utf-8") + "  - [broken\n", encoding="utf-8")
    before = roster.read_bytes()
    result = new(run, cat, "person", "dee")
    assert result.exit_code == 2 and "roster.yaml" in result.stderr
    assert roster.read_bytes() == before


def test_a_flow_list_is_left_to_fmt(run: Run, cat: Path) -> None:
    (cat / "skills.yaml").write_text("skills: [{id: assurance, name: A}, {id: reporting, "
                                     "name: R}]\n", encoding="utf-8")
    result = new(run, cat, "skill", "facilitation")
    assert result.exit_code == 2 and "pmocat fmt" in result.stderr


def test_a_new_person_passes_the_checks_and_fmt(run: Run, cat: Path) -> None:
    result = new(run, cat, "person", "dee-shah")
    assert result.exit_code == 0, result.stderr
    assert "pmocat check finds nothing wrong with it." in result.stderr
    assert "name: Dee Shah" in (cat / "roster.yaml").read_text(encoding="utf-8")
    assert run("check", str(cat), "--strict", "--today", TODAY).exit_code == 0
    assert run("fmt", str(cat), "--check").exit_code == 0


def test_a_service_in_an_empty_catalogue_says_what_to_fix(run: Run, tmp_path: Path) -> None:
    cat = tmp_path / "catalogue"
    (cat / "services").mkdir(parents=True)
    (cat / "pmo.yaml").write_text(
        "schema_version: 1\nname: P\ncurrency: GBP\nopening_hours: {monday: '09:00-17:00'}\n",
        encoding="utf-8")
    (cat / "skills.yaml").write_text("skills: []\n", encoding="utf-8")
    (cat / "roster.yaml").write_text("people: []\n", encoding="utf-8")
    result = new(run, cat, "service", "review")
    assert result.exit_code == 0
    assert "unknown-reference" in result.stderr  # no skill and nobody to own it yet
    assert "Fill in:" in result.stderr


def test_the_last_persons_own_comments_stay_with_them(run: Run, cat: Path) -> None:
    """A comment indented under the last item is that item's: the new one goes after it,
    while a commented-out item level with the dashes stays at the end."""
    roster = cat / "roster.yaml"
    roster.write_text(roster.read_text(encoding="utf-8")
                      + "    # working_days: [monday]   # Ann's, part time from March\n"
                      + "  # - id: later   # someone still to join\n", encoding="utf-8")
    assert new(run, cat, "person", "dee").exit_code == 0
    lines = roster.read_text(encoding="utf-8").splitlines()
    mine = lines.index("    # working_days: [monday]   # Ann's, part time from March")
    assert lines[mine + 1] == "  - id: dee"
    assert lines[-1] == "  # - id: later   # someone still to join"


def test_a_roster_saved_meanwhile_is_not_overwritten(run: Run, cat: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import pmocat.sources.entries as entries

    roster = cat / "roster.yaml"
    real = entries.append_item

    def append_then_edit(*args: str) -> str:
        result = real(*args)
        roster.write_text(roster.read_text(encoding="utf-8") + "# saved meanwhile\n",
                          encoding="utf-8")
        return result

    monkeypatch.setattr(entries, "append_item", append_then_edit)
    result = new(run, cat, "person", "dee")
    assert result.exit_code == 2 and "changed while pmocat was working on it" in result.stderr
    assert "dee" not in roster.read_text(encoding="utf-8")


def test_a_request_made_inside_the_catalogue_says_how_to_ask_from_there(
        run: Run, cat: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(cat)
    result = run("new", "request", "REQ-900", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "Then ask: pmocat can-take requests/REQ-900.yaml\n" in result.stderr
    assert "#   pmocat can-take requests/REQ-900.yaml\n" in (
        cat / "requests" / "REQ-900.yaml").read_text(encoding="utf-8")
    assert run("can-take", "requests/REQ-900.yaml", "--today", TODAY).exit_code in (0, 1)
