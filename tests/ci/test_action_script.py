"""scripts/action.sh, the steps of the GitHub Action, run here as GitHub runs them: with
a workflow run's environment, a fake `gh` that records, and a pretend pmocat that records
how it was run (or, once `pmocat diff` is on the branch, the real one)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ci.conftest import GitHub, needs_posix, outputs
from tests.conftest import EXAMPLES, ROOT, TODAY

pytestmark = [needs_posix, pytest.mark.slow]  # bash, pmocat and gh in processes of their own

SCRIPT = ROOT / "scripts" / "action.sh"
FAKE_PMOCAT = Path(__file__).resolve().parent / "fake_pmocat.py"
LISTING = "GET repos/pmo/catalogue/issues/7/comments?per_page=100"
POST = "POST repos/pmo/catalogue/issues/7/comments"


# scripts/action.sh with a pretend pmocat -----------------------------------------------

@pytest.fixture
def action(github: GitHub, tmp_path: Path) -> GitHub:
    """The fake gh, and a pretend pmocat that records how it was run."""
    github.tool("pmocat", f"exec '{sys.executable}' '{FAKE_PMOCAT}' \"$@\"\n")
    github.env["FAKE_PMOCAT_CALLS"] = str(tmp_path / "pmocat-calls.jsonl")
    (tmp_path / "workspace").mkdir()
    return github


def run_action(github: GitHub, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return github.run(["bash", str(SCRIPT)], cwd=tmp_path / "workspace", env=env)


def pmocat_calls(tmp_path: Path) -> list[list[str]]:
    record = tmp_path / "pmocat-calls.jsonl"
    return [json.loads(line) for line in record.read_text().splitlines()] if record.exists() else []


def test_a_pull_request_is_checked_on_its_own_files_and_gets_the_comment(action: GitHub,
                                                                          tmp_path: Path) -> None:
    done = run_action(action, tmp_path)
    assert done.returncode == 0, done.stderr
    assert pmocat_calls(tmp_path) == [
        ["check", "catalogue", "--format", "github", "--changed-since", "origin/main"],
        ["diff", "origin/main", "--catalogue", "catalogue", "--format", "md"],
    ]
    assert action.methods() == [LISTING, POST]
    assert action.comments()[0]["body"] == "<!-- pmocat-diff -->\n**No changes.**\n"
    assert outputs(action) == {"check": "0", "diff": "0"}
    # the report is in the run's summary too, where a fork's pull request can still read it
    assert Path(action.env["GITHUB_STEP_SUMMARY"]).read_text() == "<!-- pmocat-diff -->\n**No changes.**\n"


def test_every_input_used(action: GitHub, tmp_path: Path) -> None:
    done = run_action(action, tmp_path, INPUT_CATALOGUE="pmo/catalogue", INPUT_STRICT="true",
                      INPUT_SARIF="reports/pmocat.sarif", INPUT_FAIL_ON="book-does-not-fit,verdict")
    assert pmocat_calls(tmp_path) == [
        ["check", "pmo/catalogue", "--format", "github", "--strict", "--changed-since", "origin/main"],
        ["check", "pmo/catalogue", "--format", "sarif", "--output", "reports/pmocat.sarif"],
        ["diff", "origin/main", "--catalogue", "pmo/catalogue", "--fail-on",
         "book-does-not-fit,verdict", "--format", "md"],
    ]
    assert done.returncode == 0, done.stderr
    assert outputs(action) == {"check": "0", "sarif-file": "reports/pmocat.sarif", "diff": "0"}


def test_a_fail_on_consequence_fails_the_step_and_the_comment_is_still_written(
        action: GitHub, tmp_path: Path) -> None:
    done = run_action(action, tmp_path, INPUT_FAIL_ON="verdict", FAKE_DIFF_EXIT="1")
    assert done.returncode == 1
    assert outputs(action) == {"check": "0", "diff": "1"}
    assert action.methods() == [LISTING, POST]


def test_the_second_push_updates_the_one_comment(action: GitHub, tmp_path: Path) -> None:
    assert run_action(action, tmp_path).returncode == 0
    later = "<!-- pmocat-diff -->\n**Ada leaves**: REQ-003 no longer fits.\n"
    assert run_action(action, tmp_path, FAKE_DIFF_REPORT=later).returncode == 0
    assert [m.split()[0] for m in action.methods()] == ["GET", "POST", "GET", "PATCH"]
    assert [c["body"] for c in action.comments()] == [later]


def test_problems_found_fail_the_step_after_every_step_has_run(action: GitHub, tmp_path: Path) -> None:
    done = run_action(action, tmp_path, FAKE_CHECK_EXIT="1", INPUT_SARIF="true")
    assert done.returncode == 1
    assert "title=pmocat unknown-key" in done.stdout  # the annotations reach the runner's log
    assert [call[0] for call in pmocat_calls(tmp_path)] == ["check", "check", "diff"]
    assert outputs(action) == {"check": "1", "sarif-file": "pmocat.sarif", "diff": "0"}
    assert (tmp_path / "workspace" / "pmocat.sarif").exists()
    assert len(action.comments()) == 1


def test_a_diff_that_cannot_run_posts_nothing_and_exits_2(action: GitHub, tmp_path: Path) -> None:
    done = run_action(action, tmp_path, FAKE_DIFF_EXIT="2")
    assert done.returncode == 2
    assert "pmocat: error: diff could not run" in done.stderr
    assert action.calls() == []
    assert outputs(action)["diff"] == "2"


def test_a_push_is_checked_whole_and_nothing_is_compared(action: GitHub, tmp_path: Path) -> None:
    done = run_action(action, tmp_path, GITHUB_EVENT_NAME="push", GITHUB_BASE_REF="",
                      INPUT_FAIL_ON="verdict")
    assert done.returncode == 0, done.stderr
    assert pmocat_calls(tmp_path) == [["check", "catalogue", "--format", "github"]]
    assert action.calls() == []
    assert outputs(action) == {"check": "0"}


def test_the_guard_without_the_comment(action: GitHub, tmp_path: Path) -> None:
    done = run_action(action, tmp_path, INPUT_DIFF="false", INPUT_FAIL_ON="book-does-not-fit",
                      FAKE_DIFF_EXIT="1")
    assert done.returncode == 1
    assert pmocat_calls(tmp_path)[-1] == ["diff", "origin/main", "--catalogue", "catalogue",
                                          "--fail-on", "book-does-not-fit", "--format", "github"]
    assert "::error title=pmocat verdict::" in done.stdout  # as annotations instead
    assert action.calls() == []


def test_no_diff_no_guard(action: GitHub, tmp_path: Path) -> None:
    done = run_action(action, tmp_path, INPUT_DIFF="False")
    assert done.returncode == 0
    assert [call[0] for call in pmocat_calls(tmp_path)] == ["check"]


def test_a_comment_that_cannot_be_written_fails_the_step(action: GitHub, tmp_path: Path) -> None:
    done = run_action(action, tmp_path, FAKE_GH_FAIL="403")
    assert done.returncode == 1
    assert "pull-requests: write" in done.stderr


def test_an_input_that_is_not_true_or_false(action: GitHub, tmp_path: Path) -> None:
    done = run_action(action, tmp_path, INPUT_STRICT="sometimes")
    assert done.returncode == 2
    assert done.stderr == "pmocat action: the input 'strict' takes true or false; got 'sometimes'\n"
    assert pmocat_calls(tmp_path) == []


# scripts/action.sh with the real pmocat, once `pmocat diff` is there -------------------

def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                    "-c", "init.defaultBranch=main", "-C", str(repo), *args],
                   check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_real_check_on_a_pull_request_annotates_its_own_files(github: GitHub, tmp_path: Path) -> None:
    repo = tmp_path / "workspace"
    shutil.copytree(EXAMPLES / "minimal", repo / "catalogue")
    skills = repo / "catalogue" / "skills.yaml"
    skills.write_text(skills.read_text() + "colour: blue\n")  # an old problem, left alone
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "the catalogue")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(repo, "checkout", "-q", "-b", "typo")
    roster = repo / "catalogue" / "roster.yaml"
    roster.write_text(roster.read_text().replace("hours_per_week: 20", "hours_per_week: twenty"))
    git(repo, "commit", "-q", "-am", "a typo")
    github.tool("pmocat", f"exec '{sys.executable}' -m pmocat \"$@\" --today {TODAY}\n")

    done = github.run(["bash", str(SCRIPT)], cwd=repo, env={"INPUT_DIFF": "false", "INPUT_SARIF": "true"})
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert [line.split(",")[0] for line in lines] == [
        "::error file=catalogue/roster.yaml",
        "::notice title=pmocat::1 more problem (1 error) in files this pull request does not change: "
        "run 'pmocat check catalogue' to see them"]
    assert outputs(github) == {"check": "1", "sarif-file": "pmocat.sarif"}
    sarif = json.loads((repo / "pmocat.sarif").read_text())
    assert len(sarif["runs"][0]["results"]) == 2  # code scanning gets every problem
    assert github.calls() == []


@pytest.mark.skipif(importlib.util.find_spec("pmocat.cli.diff") is None,
                    reason="pmocat diff is not on this branch yet")
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_action_on_a_real_pull_request(github: GitHub, tmp_path: Path) -> None:
    repo = tmp_path / "workspace"
    shutil.copytree(EXAMPLES / "minimal", repo / "catalogue")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "the catalogue")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(repo, "checkout", "-q", "-b", "raise-price")
    service = repo / "catalogue" / "services" / "project-health-check.yaml"
    service.write_text(service.read_text().replace("amount: 4500", "amount: 5000"))
    git(repo, "commit", "-q", "-am", "raise the price")
    github.tool("pmocat", f"exec '{sys.executable}' -m pmocat \"$@\" --today {TODAY}\n")

    done = github.run(["bash", str(SCRIPT)], cwd=repo)
    assert done.returncode == 0, done.stderr
    assert outputs(github) == {"check": "0", "diff": "0"}
    assert github.methods() == [LISTING, POST]
    body = github.comments()[0]["body"]
    assert body.startswith("<!-- pmocat-diff -->")
    assert "project-health-check" in body

    service.write_text(service.read_text().replace("amount: 5000", "amount: 5500"))
    again = github.run(["bash", str(SCRIPT)], cwd=repo)
    assert again.returncode == 0, again.stderr
    assert [m.split()[0] for m in github.methods()] == ["GET", "POST", "GET", "PATCH"]
    assert len(github.comments()) == 1
