"""`pmocat check`: exit codes, options, and every format pointing at the same lines."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Result
from tests.conftest import CATALOGUE, TODAY

Run = Callable[..., Result]

HEALTH_CHECK = """\
id: project-health-check
name: Project health check
category: Assurance
status: live
summary: An independent review of a project's health, with a RAG report.
owner: ann
ingredients: [health-check-template]
recipe:
  - {skill: assurance, level: 3, hours: 24}
lead_time: 5
duration_days: ten
price: {model: fixed, amount: 4500}
"""

#: (file, line, column, code) of each problem planted by the `broken` fixture
PLANTED = [
    ("services/monthly-report.yaml", 3, 9, "yaml-syntax"),
    ("services/project-health-check.yaml", 10, 1, "unknown-key"),
    ("services/project-health-check.yaml", 11, 16, "invalid-type"),
]


@pytest.fixture
def broken(minimal_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal example with a syntax error, an unknown key and a wrong type; cwd is its parent."""
    (minimal_copy / "services" / "project-health-check.yaml").write_text(HEALTH_CHECK)
    (minimal_copy / "services" / "monthly-report.yaml").write_text(
        "id: monthly-report\nname: [Monthly report\ncategory: Reporting\n")
    monkeypatch.chdir(minimal_copy.parent)
    return minimal_copy


@pytest.fixture
def warned(minimal_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal example with one warning: a service file not named after its id."""
    services = minimal_copy / "services"
    (services / "monthly-report.yaml").rename(services / "monthly.yaml")
    monkeypatch.chdir(minimal_copy.parent)
    return minimal_copy


def check(run: Run, *args: str) -> Result:
    return run("check", *args, "--today", TODAY)


def planted(prefix: str = "minimal/") -> list[tuple[str, int, int, str]]:
    return [(prefix + path, line, column, code) for path, line, column, code in PLANTED]


# exit status ---------------------------------------------------------------------------

def test_bundled_catalogue_passes(run: Run) -> None:
    result = check(run, str(CATALOGUE))
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1].endswith(" files.") or result.stdout.startswith("All clear")


def test_errors_exit_1(run: Run, broken: Path) -> None:
    result = check(run, "minimal")
    assert result.exit_code == 1
    assert result.stdout.rstrip().endswith("3 errors in 2 of 7 files.")


def test_warnings_pass_unless_strict(run: Run, warned: Path) -> None:
    result = check(run, "minimal", "--format", "concise")
    assert result.exit_code == 0
    assert result.stdout == (
        "minimal/services/monthly.yaml:1:5: warning filename-mismatch "
        "the file is named 'monthly.yaml' but its id is 'monthly-report'\n")
    assert check(run, "minimal", "--strict").exit_code == 1


def test_default_catalogue_is_the_folder_named_catalogue(run: Run, minimal_copy: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    minimal_copy.rename(minimal_copy.parent / "catalogue")
    monkeypatch.chdir(minimal_copy.parent)
    result = check(run)
    assert result.exit_code == 0
    assert result.stdout == "All clear: 7 files checked, no problems.\n"


# --select and --ignore ---------------------------------------------------------------

def codes(result: Result) -> list[str]:
    return [d["code"] for d in json.loads(result.stdout)["diagnostics"]]


def test_select_repeated_and_comma_separated(run: Run, broken: Path) -> None:
    result = check(run, "minimal", "-f", "json", "--select", "unknown-key,invalid-type")
    assert codes(result) == ["unknown-key", "invalid-type"]
    again = check(run, "minimal", "-f", "json", "--select", "unknown-key", "--select", " invalid-type ")
    assert again.stdout == result.stdout


def test_ignoring_every_error_passes(run: Run, broken: Path) -> None:
    result = check(run, "minimal", "-f", "json", "--ignore", "yaml-syntax",
                   "--ignore", "unknown-key,invalid-type")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"] == {"errors": 0, "warnings": 0, "infos": 0, "files": 7}


def test_ignore_wins_over_select(run: Run, broken: Path) -> None:
    result = check(run, "minimal", "-f", "json", "--select", "unknown-key,invalid-type",
                   "--ignore", "invalid-type")
    assert codes(result) == ["unknown-key"]
    assert result.exit_code == 1


def test_ignoring_a_warning_passes_strict(run: Run, warned: Path) -> None:
    assert check(run, "minimal", "--strict", "--ignore", "filename-mismatch").exit_code == 0


def test_unknown_code_is_a_usage_error_with_a_suggestion(run: Run, broken: Path) -> None:
    result = check(run, "minimal", "--ignore", "unknown-keys")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "pmocat: error: --ignore: there is no check code 'unknown-keys'; did you mean 'unknown-key'?\n")


def test_unknown_code_with_nothing_close_lists_the_codes(run: Run, broken: Path) -> None:
    result = check(run, "minimal", "--select", "unknown-key,zzz")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "there is no check code 'zzz'; the codes are: yaml-syntax, " in result.stderr


# paths and other usage errors ------------------------------------------------------------

@pytest.mark.parametrize(("args", "message"), [
    (("nowhere",), "no catalogue directory at 'nowhere'"),
    (("minimal/pmo.yaml",), "'minimal/pmo.yaml' is not a directory"),
    (("minimal", "--roster", "people.yaml"), "no roster file at 'people.yaml'"),
    (("minimal", "--requests", "book"), "no requests directory at 'book'"),
    (("minimal", "--today", "2026-13-01"), "--today takes a date written YYYY-MM-DD"),
])
def test_usage_errors_are_one_line_and_exit_2(run: Run, broken: Path, args: tuple[str, ...],
                                              message: str) -> None:
    result = run("check", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"pmocat: error: {message}")
    assert result.stderr.count("\n") == 1


def test_unknown_format_is_a_usage_error(run: Run, broken: Path) -> None:
    result = run("check", "minimal", "--format", "xml")
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr


def test_roster_and_requests_elsewhere(run: Run, broken: Path) -> None:
    elsewhere = broken.parent / "elsewhere"
    (broken / "roster.yaml").rename(broken.parent / "people.yaml")
    (broken / "requests").rename(elsewhere)
    (elsewhere / "REQ-001.yaml").write_text("id: REQ-001\nservice: project-health-check\ncustomr: x\n")
    result = check(run, "minimal", "--roster", "people.yaml", "--requests", "elsewhere",
                   "-f", "concise", "--select", "unknown-key,missing-file")
    assert result.stdout == (
        "elsewhere/REQ-001.yaml:3:1: error unknown-key unknown key 'customr'\n"
        "minimal/services/project-health-check.yaml:10:1: error unknown-key unknown key 'lead_time'\n")


# --output ------------------------------------------------------------------------------

def test_output_writes_the_report_and_says_so(run: Run, broken: Path) -> None:
    result = check(run, "minimal", "-f", "sarif", "-o", "pmocat.sarif")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "pmocat: wrote pmocat.sarif: 3 errors in 2 of 7 files.\n"
    sarif = json.loads((broken.parent / "pmocat.sarif").read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == 3


def test_output_to_a_folder_that_does_not_exist(run: Run, broken: Path) -> None:
    result = check(run, "minimal", "-o", "no/such/folder/report.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith("pmocat: error: cannot write the report to 'no/such/folder/report.txt'")
    assert result.stderr.count("\n") == 1


def test_text_written_to_a_file_has_no_colour(run: Run, broken: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    check(run, "minimal", "-o", "report.txt")
    assert "\x1b[" not in (broken.parent / "report.txt").read_text(encoding="utf-8")


# every format, the same three problems -------------------------------------------------------

def test_text_shows_each_problem_with_its_line_and_a_caret(run: Run, broken: Path) -> None:
    out = check(run, "minimal").stdout
    assert "\x1b[" not in out
    assert out.splitlines()[:3] == [
        "minimal/services/monthly-report.yaml",
        "  3:9  error yaml-syntax  invalid YAML: did not find expected ',' or ']'",
        "    3 │ category: Reporting",
    ]
    assert (
        "  10:1   error unknown-key  unknown key 'lead_time'\n"
        "    10 │ lead_time: 5\n"
        "       │ ^^^^^^^^^\n"
        "       = help: did you mean 'lead_time_days'?\n"
    ) in out
    assert (
        "  11:16  error invalid-type  expected a whole number, got the text 'ten'\n"
        "    11 │ duration_days: ten\n"
        "       │                ^^^\n"
    ) in out


def test_text_colour_follows_no_color_and_force_color(run: Run, broken: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" not in check(run, "minimal").stdout  # NO_COLOR is set by the fixture
    monkeypatch.delenv("NO_COLOR")
    coloured = check(run, "minimal").stdout
    assert "\x1b[1;31merror" in coloured
    assert "\x1b[" not in check(run, "minimal", "-f", "concise").stdout


def test_concise(run: Run, broken: Path) -> None:
    lines = check(run, "minimal", "-f", "concise").stdout.splitlines()
    assert [tuple(line.split(": ", 1)[0].rsplit(":", 2)) for line in lines] == [
        (path, str(line), str(column)) for path, line, column, _ in planted()]
    assert lines[1] == ("minimal/services/project-health-check.yaml:10:1: "
                        "error unknown-key unknown key 'lead_time'")


def test_json(run: Run, broken: Path) -> None:
    report = json.loads(check(run, "minimal", "-f", "json").stdout)
    assert set(report) == {"diagnostics", "summary"}
    assert [(d["path"], d["line"], d["column"], d["code"]) for d in report["diagnostics"]] == planted()
    assert report["diagnostics"][1] == {
        "code": "unknown-key", "severity": "error", "message": "unknown key 'lead_time'",
        "path": "minimal/services/project-health-check.yaml", "line": 10, "column": 1,
        "hint": "did you mean 'lead_time_days'?",
    }
    assert report["summary"] == {"errors": 3, "warnings": 0, "infos": 0, "files": 7}


def test_github(run: Run, broken: Path) -> None:
    lines = check(run, "minimal", "-f", "github").stdout.splitlines()
    assert lines[1] == (
        "::error file=minimal/services/project-health-check.yaml,line=10,col=1,"
        "title=pmocat unknown-key::unknown key 'lead_time'%0Ahelp: did you mean 'lead_time_days'?")
    assert [line.split("::")[1] for line in lines] == [
        f"error file={path},line={line},col={column},title=pmocat {code}"
        for path, line, column, code in planted()]


def test_github_warning(run: Run, warned: Path) -> None:
    assert check(run, "minimal", "-f", "github").stdout.startswith(
        "::warning file=minimal/services/monthly.yaml,line=1,col=5,title=pmocat filename-mismatch::")


def test_sarif(run: Run, broken: Path) -> None:
    log = json.loads(check(run, "minimal", "-f", "sarif").stdout)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    found = []
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        found.append((location["artifactLocation"]["uri"], location["region"]["startLine"],
                      location["region"]["startColumn"], result["ruleId"]))
    assert found == planted()
    assert run_["results"][1]["level"] == "error"
    assert run_["results"][1]["message"]["text"] == (
        "unknown key 'lead_time' (help: did you mean 'lead_time_days'?)")


def test_help_has_examples(run: Run) -> None:
    result = run("check", "--help")
    assert result.exit_code == 0
    assert "pmocat check catalogue --format sarif -o pmocat.sarif" in result.stdout
    for option in ("--select", "--ignore", "--strict", "--today", "--output", "--roster", "--requests"):
        assert option in result.stdout


def test_today_moves_the_date_dependent_checks(run: Run, minimal_copy: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    (minimal_copy / "ingredients.yaml").write_text(
        "ingredients:\n"
        "  - {id: health-check-template, name: Health check template, kind: template, status: ready,\n"
        "     available_until: 2028-06-30}\n")
    with (minimal_copy / "services" / "project-health-check.yaml").open("a") as service:
        service.write("available:\n  - {from: 2027-01-01, to: 2028-06-30}\n")
    monkeypatch.chdir(minimal_copy.parent)
    assert run("check", "minimal", "--today", "2026-12-01", "-f", "concise").stdout == ""
    late = run("check", "minimal", "--today", "2027-12-01", "-f", "concise").stdout
    assert late.startswith("minimal/services/project-health-check.yaml:7:15: warning ingredient-expiring ")


@pytest.mark.parametrize("value", ["20261201", "2026-W49-2", "2026-12-1", "2026-12-01T00:00"])
def test_today_takes_exactly_yyyy_mm_dd(run: Run, value: str) -> None:
    result = run("check", str(CATALOGUE), "--today", value)
    assert result.exit_code == 2
    assert result.stderr == (f"pmocat: error: --today takes a date written YYYY-MM-DD, like "
                             f"2027-03-12; got {value!r}\n")


@pytest.mark.parametrize("command", [["check", str(CATALOGUE)], ["plan", str(CATALOGUE)],
                                     ["menu", str(CATALOGUE)]])
def test_a_today_at_the_end_of_the_calendar_is_a_usage_error(run: Run, command: list[str]) -> None:
    result = run(*command, "--today", "9999-12-31")
    assert result.exit_code == 2
    assert result.stderr.startswith("pmocat: error: --today must be no later than 9989-12-31")
    assert run(*command, "--today", "9989-12-31").exit_code in (0, 1)
