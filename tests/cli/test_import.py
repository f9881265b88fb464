"""`pmocat import` as a user meets it, beyond the golden cases: the checks afterwards,
refusals that write nothing, and rosters of other shapes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Result
from tests.conftest import EXAMPLES, MINIMAL, TODAY

CASES = Path(__file__).resolve().parents[1] / "cases" / "import" / "catalogue"


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(CASES, target)
    return target


def test_the_checks_run_on_what_was_written(run: Callable[..., Result], catalogue: Path,
                                            tmp_path: Path) -> None:
    (tmp_path / "hr.csv").write_text("id,hours_per_week\nbob,4\n", encoding="utf-8")
    result = run("import", "roster", str(tmp_path / "hr.csv"), "-c", str(catalogue),
                 "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "hours_per_week 37.5 → 4" in result.stdout
    assert "warning over-committed" in result.stderr and "roster.yaml:" in result.stderr
    assert "hours_per_week: 4\n" in (catalogue / "roster.yaml").read_text()


def test_a_broken_roster_is_not_imported_into(run: Callable[..., Result], catalogue: Path,
                                              tmp_path: Path) -> None:
    roster = catalogue / "roster.yaml"
    roster.write_text(roster.read_text() + "  - {id: [\n", encoding="utf-8")
    before = roster.read_bytes()
    (tmp_path / "hr.csv").write_text("id,name\nann,Ann\n", encoding="utf-8")
    result = run("import", "roster", str(tmp_path / "hr.csv"), "-c", str(catalogue))
    assert result.exit_code == 2 and "fix the roster before importing" in result.stderr
    assert roster.read_bytes() == before


def test_a_roster_written_one_person_a_line_stays_so(run: Callable[..., Result],
                                                     tmp_path: Path) -> None:
    catalogue = tmp_path / "minimal"
    shutil.copytree(MINIMAL, catalogue)  # its roster written one person a line
    (tmp_path / "hr.csv").write_text("id,name,hours_per_week,skills.reporting\n"
                                     "dan,Dan Fox,30,2\n", encoding="utf-8")
    result = run("import", "roster", str(tmp_path / "hr.csv"), "-c", str(catalogue),
                 "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    lines = (catalogue / "roster.yaml").read_text().splitlines()
    assert lines[-1] == "  - {id: dan, name: Dan Fox, skills: {reporting: 2}, hours_per_week: 30}"
    assert lines[:-1] == (MINIMAL / "roster.yaml").read_text().splitlines()


def test_a_roster_named_with_roster_is_the_one_written(run: Callable[..., Result],
                                                       catalogue: Path, tmp_path: Path) -> None:
    other = tmp_path / "people.yaml"
    shutil.copy(catalogue / "roster.yaml", other)
    (tmp_path / "hr.csv").write_text("id,role\ncat,Analyst\n", encoding="utf-8")
    before = (catalogue / "roster.yaml").read_text()
    result = run("import", "roster", str(tmp_path / "hr.csv"), "-c", str(catalogue),
                 "--roster", str(other), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "role: Analyst" in other.read_text()
    assert (catalogue / "roster.yaml").read_text() == before


@pytest.mark.parametrize(("name", "content", "args", "message"), [
    ("missing.csv", None, [], "does not exist"),
    ("leave.csv", "person,from,to\n", ["--person", "ann"], "are for calendars"),
    ("leave.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", ["--map", "person=X"], "for spreadsheets"),
    ("leave.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", ["--person", "anne"],
     "nobody in the roster has the id 'anne'; did you mean 'ann'?"),
    ("leave.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", ["--since", "2027-02-01", "--until",
                                                       "2027-01-01"], "is before --since"),
    ("leave.csv", "who,start\nann,2027-01-01\n", [], "no column is mapped to person, from, to"),
])
def test_absences_refusals(run: Callable[..., Result], catalogue: Path, tmp_path: Path,
                           name: str, content: str | None, args: list[str], message: str) -> None:
    if content is not None:
        (tmp_path / name).write_text(content, encoding="utf-8")
    before = (catalogue / "roster.yaml").read_bytes()
    result = run("import", "absences", str(tmp_path / name), "-c", str(catalogue), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert (catalogue / "roster.yaml").read_bytes() == before


def test_a_sheet_that_changes_nothing_writes_nothing(run: Callable[..., Result],
                                                     catalogue: Path, tmp_path: Path) -> None:
    (tmp_path / "hr.csv").write_text("id,name\nann,Ann Lee\n", encoding="utf-8")
    roster = catalogue / "roster.yaml"
    stamp = roster.stat().st_mtime_ns
    result = run("import", "roster", str(tmp_path / "hr.csv"), "-c", str(catalogue))
    assert result.exit_code == 0
    assert "same     ann" in result.stdout and "nothing to change" in result.stderr
    assert roster.stat().st_mtime_ns == stamp


def test_import_without_a_subcommand_shows_help(run: Callable[..., Result]) -> None:
    result = run("import")
    assert "roster" in result.stdout + result.stderr and "absences" in result.stdout + result.stderr


def test_a_roster_linked_from_outside_the_catalogue_is_not_read(
        run: Callable[..., Result], catalogue: Path, tmp_path: Path) -> None:
    """The catalogue's own roster.yaml is read only inside the catalogue, as check reads it:
    a link to a file elsewhere (someone's home folder, a secret) is refused, not merged."""
    elsewhere = tmp_path / "elsewhere.yaml"
    shutil.move(catalogue / "roster.yaml", elsewhere)
    (catalogue / "roster.yaml").symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    (tmp_path / "hr.csv").write_text("id,name,hours_per_week\ndee,Dee Ray,10\n", encoding="utf-8")
    result = run("import", "roster", str(tmp_path / "hr.csv"), "-c", str(catalogue))
    assert result.exit_code == 2
    assert "a link that leads outside the catalogue" in result.stderr
    assert result.stdout == "" and elsewhere.read_bytes() == before


def test_a_roster_that_is_a_folder_says_so(run: Callable[..., Result], catalogue: Path,
                                           tmp_path: Path) -> None:
    (catalogue / "roster.yaml").unlink()
    (catalogue / "roster.yaml").mkdir()
    (tmp_path / "hr.csv").write_text("id,name,hours_per_week\ndee,Dee Ray,10\n", encoding="utf-8")
    result = run("import", "roster", str(tmp_path / "hr.csv"), "-c", str(catalogue))
    assert result.exit_code == 2 and "this is a folder, not a file" in result.stderr


def test_a_roster_saved_meanwhile_is_not_overwritten(run: Callable[..., Result],
                                                     catalogue: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import pmocat.sources.roster_edit as roster_edit

    roster = catalogue / "roster.yaml"
    real = roster_edit.merge_people

    def merge_then_edit(*args: object) -> object:
        result = real(*args)  # type: ignore[arg-type]
        roster.write_text(roster.read_text(encoding="utf-8") + "# saved meanwhile\n",
                          encoding="utf-8")
        return result

    monkeypatch.setattr(roster_edit, "merge_people", merge_then_edit)
    (tmp_path / "hr.csv").write_text("id,name,hours_per_week\ndee,Dee Ray,10\n", encoding="utf-8")
    result = run("import", "roster", str(tmp_path / "hr.csv"), "-c", str(catalogue))
    assert result.exit_code == 2 and "changed while pmocat was working on it" in result.stderr
    text = roster.read_text(encoding="utf-8")
    assert text.endswith("# saved meanwhile\n") and "dee" not in text


def test_what_import_writes_is_laid_out_as_fmt_lays_it_out(run: Callable[..., Result],
                                                           tmp_path: Path) -> None:
    """Import then `fmt --check` (the pre-commit hook) passes: new people's skills and new
    absences are written as blocks, as fmt writes every mapping."""
    catalogue = tmp_path / "minimal"
    shutil.copytree(EXAMPLES / "minimal", catalogue)  # laid out by fmt
    (tmp_path / "hr.csv").write_text("id,name,hours_per_week,skills.reporting\n"
                                     "dan,Dan Fox,30,2\n", encoding="utf-8")
    (tmp_path / "leave.csv").write_text("person,from,to,reason\ndan,2027-03-01,2027-03-05,"
                                        "Leave\n", encoding="utf-8")
    for kind, sheet in (("roster", "hr.csv"), ("absences", "leave.csv")):
        result = run("import", kind, str(tmp_path / sheet), "-c", str(catalogue),
                     "--today", TODAY)
        assert result.exit_code == 0, result.stderr
    result = run("fmt", "--check", str(catalogue))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "    skills:\n      reporting: 2\n" in (catalogue / "roster.yaml").read_text()


def test_a_mapping_file_that_is_a_folder_says_so(run: Callable[..., Result], catalogue: Path,
                                                 tmp_path: Path) -> None:
    (tmp_path / "hr.csv").write_text("id,name\nann,Ann\n", encoding="utf-8")
    result = run("import", "roster", str(tmp_path / "hr.csv"), "-c", str(catalogue),
                 "--map-file", str(tmp_path))
    assert result.exit_code == 2 and "is not a file" in result.stderr
