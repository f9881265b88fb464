"""`python -m pmocat.cli.pr_comment`: one comment per pull request, found by its marker,
created once and then edited, through `gh api` alone (a fake one here, that records)."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmocat.cli.pr_comment import LONGEST, MARKER, body_of, command, pull_request_of_event
from tests.ci.conftest import GitHub, needs_posix

pytestmark = needs_posix

REPORT = f"{MARKER}\n**Ada leaves**: REQ-003 no longer fits.\n"
LISTING = "GET repos/pmo/catalogue/issues/7/comments?per_page=100"


@dataclass
class Done:
    returncode: int
    stderr: str


def comment(github: GitHub, tmp_path: Path, report: str = REPORT, *args: str,
            env: dict[str, str] | None = None) -> Done:
    """The command run in this process (its `gh` is the fake, in a process of its own)."""
    path = tmp_path / "report.md"
    path.write_text(report, encoding="utf-8")
    result = CliRunner().invoke(command(), [str(path), *args], env={**github.env, **(env or {})},
                                catch_exceptions=False)
    return Done(result.exit_code, result.stderr)


def test_creates_the_comment_when_there_is_none(github: GitHub, tmp_path: Path) -> None:
    github.seed((7, "Looks good to me"), (8, REPORT))  # someone else's, and another PR's
    done = comment(github, tmp_path)
    assert done.returncode == 0, done.stderr
    assert github.methods() == [LISTING, "POST repos/pmo/catalogue/issues/7/comments"]
    assert [c["body"] for c in github.comments() if c["pr"] == 7] == ["Looks good to me", REPORT]
    assert done.stderr == ("pmocat: created the comment on pull request #7: "
                           "https://github.com/pmo/catalogue/pull/7#issuecomment-3\n")


def test_updates_the_marked_comment_found_on_a_later_page(github: GitHub, tmp_path: Path) -> None:
    github.seed((7, "first"), (7, "second"), (7, "third"), (7, "  " + MARKER + "\nold report"),
                (7, "fifth"))
    done = comment(github, tmp_path)
    assert done.returncode == 0, done.stderr
    assert github.methods() == [LISTING, "PATCH repos/pmo/catalogue/issues/comments/4"]
    assert "--paginate" in github.calls()[0]["argv"]
    bodies = [c["body"] for c in github.comments()]
    assert bodies == ["first", "second", "third", REPORT, "fifth"]
    assert done.stderr.startswith("pmocat: updated the comment on pull request #7")


def test_run_twice_leaves_one_comment_with_the_latest_report(github: GitHub, tmp_path: Path) -> None:
    assert comment(github, tmp_path).returncode == 0
    later = f"{MARKER}\n**No changes** to what the catalogue can do.\n"
    assert comment(github, tmp_path, later).returncode == 0
    assert [c["body"] for c in github.comments()] == [later]
    assert [m.split()[0] for m in github.methods()] == ["GET", "POST", "GET", "PATCH"]


def test_the_body_is_sent_as_json_on_stdin_not_as_an_argument(github: GitHub, tmp_path: Path) -> None:
    tricky = f"{MARKER}\n@file body=x $(echo no) `uname` \"quotes\" 100%\n"
    assert comment(github, tmp_path, tricky).returncode == 0
    post = github.calls()[-1]
    assert post["argv"][-2:] == ["--input", "-"]
    assert json.loads(post["stdin"]) == {"body": tricky}
    assert all(tricky.strip() not in arg for arg in post["argv"])


def test_as_a_module_the_report_from_stdin_and_the_pull_request_named(github: GitHub,
                                                                     tmp_path: Path) -> None:
    done = github.run([sys.executable, "-m", "pmocat.cli.pr_comment", "-", "--repo", "o/r", "--pr", "12"],
                      cwd=tmp_path, stdin=REPORT)
    assert done.returncode == 0, done.stderr
    assert github.methods() == ["GET repos/o/r/issues/12/comments?per_page=100",
                                "POST repos/o/r/issues/12/comments"]


def test_on_enterprise_server_gh_asks_the_runs_own_server(github: GitHub, tmp_path: Path) -> None:
    assert comment(github, tmp_path, env={"GITHUB_SERVER_URL": "https://github.example.org"}).returncode == 0
    assert comment(github, tmp_path, env={"GITHUB_SERVER_URL": "https://github.com"}).returncode == 0
    assert comment(github, tmp_path, env={"GITHUB_SERVER_URL": "https://github.example.org",
                                          "GH_HOST": "chosen.example.org"}).returncode == 0
    assert [call["host"] for call in github.calls()] == [
        "github.example.org", "github.example.org", None, None, "chosen.example.org", "chosen.example.org"]


def test_a_token_that_may_not_write_says_what_to_do(github: GitHub, tmp_path: Path) -> None:
    done = comment(github, tmp_path, env={"FAKE_GH_FAIL": "403"})
    assert done.returncode == 1
    assert done.stderr == (
        "pmocat: error: could not read the comments of pull request #7: gh: Resource not "
        "accessible by integration (HTTP 403); the job needs 'permissions: pull-requests: "
        "write' (a pull request from a fork gets a read-only token)\n")


@pytest.mark.parametrize(("env", "args", "said"), [
    ({"GITHUB_EVENT_PATH": ""}, [], "not started by a pull request; name one with --pr N"),
    ({"GITHUB_REPOSITORY": ""}, [], "name the repository as OWNER/NAME with --repo"),
    ({}, ["--repo", "o/r/../../x"], "--repo takes OWNER/NAME, like pmocat/pmocat; got 'o/r/../../x'"),
])
def test_what_it_cannot_do_is_one_line_and_exit_2(github: GitHub, tmp_path: Path, env: dict[str, str],
                                                  args: list[str], said: str) -> None:
    done = comment(github, tmp_path, REPORT, *args, env=env)
    assert done.returncode == 2
    assert said in done.stderr and done.stderr.count("\n") == 1
    assert github.calls() == []


def test_no_report_and_an_empty_report(github: GitHub, tmp_path: Path) -> None:
    missing = github.run([sys.executable, "-m", "pmocat.cli.pr_comment", "nothing.md"], cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (2, "pmocat: error: there is no report at 'nothing.md'\n")
    empty = comment(github, tmp_path, "\n")
    assert empty.returncode == 2 and "is empty; nothing to comment" in empty.stderr
    assert github.calls() == []


def test_without_gh(github: GitHub, tmp_path: Path) -> None:
    done = comment(github, tmp_path, env={"PATH": str(tmp_path / "nowhere")})
    assert done.returncode == 2
    assert done.stderr.startswith("pmocat: error: the gh command is not installed")


# the body itself -----------------------------------------------------------------------

def test_the_marker_is_added_when_the_report_lacks_it() -> None:
    assert body_of("just text\n") == f"{MARKER}\njust text\n"
    assert body_of(REPORT) == REPORT


def test_a_report_too_long_for_a_comment_is_cut_and_says_so() -> None:
    body = body_of(MARKER + "\n" + "| a | b |\n" * 10_000)
    assert len(body) <= LONGEST
    assert body.endswith("Run `pmocat diff` to see all of it.\n")
    assert body.startswith(MARKER)


def test_a_cut_closes_the_fold_it_falls_in_at_a_lines_end() -> None:
    body = body_of(MARKER + "\n<details><summary>9,999 changes</summary>\n\n" + "| a | bb |\n" * 10_000)
    assert len(body) <= LONGEST
    kept, note = body.split("\n\n…the report is cut here")
    assert kept.endswith("| a | bb |\n\n</details>\n")
    assert note.endswith("Run `pmocat diff` to see all of it.\n")


def test_the_pull_request_number_from_the_event(tmp_path: Path) -> None:
    event = tmp_path / "event.json"
    for payload, number in [({"pull_request": {"number": 3}}, 3), ({"push": {}}, None),
                            ({"pull_request": {"number": "3"}}, None), ([1], None),
                            ({"pull_request": {"number": True}}, None)]:
        event.write_text(json.dumps(payload))
        assert pull_request_of_event(str(event)) == number
    event.write_text("{not json")
    assert pull_request_of_event(str(event)) is None
    assert pull_request_of_event(str(tmp_path / "none.json")) is None
