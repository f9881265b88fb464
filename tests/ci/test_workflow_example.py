"""examples/github-workflow.yml: what it asks of GitHub, and its steps' scripts run here as
the runner runs them (`bash -e`), with a pretend pmocat and a fake `gh` that record."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.ci.conftest import GitHub, needs_posix
from tests.conftest import EXAMPLES

WORKFLOW = EXAMPLES / "github-workflow.yml"
FAKE_PMOCAT = Path(__file__).resolve().parent / "fake_pmocat.py"


def workflow() -> Any:
    return YAML(typ="safe", pure=True).load(WORKFLOW.read_text(encoding="utf-8"))


def step(job: str, name: str) -> dict[str, Any]:
    found = [s for s in workflow()["jobs"][job]["steps"] if s.get("name") == name]
    assert len(found) == 1, f"{job} has no one step named {name!r}"
    return dict(found[0])


def test_every_action_used_is_githubs_own() -> None:
    used = [s["uses"] for job in workflow()["jobs"].values() for s in job["steps"] if "uses" in s]
    assert used and all(re.fullmatch(r"(actions|github)/[\w/-]+@v\d+", u) for u in used), used


def test_the_diff_job_runs_on_pull_requests_with_full_history_and_may_comment() -> None:
    job = workflow()["jobs"]["diff"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert "github.event.pull_request.number" in job["concurrency"]["group"]
    checkout = job["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == 0
    comment = step("diff", "Comment what this pull request does")
    assert comment["env"] == {"GH_TOKEN": "${{ github.token }}"}
    assert 'pmocat diff "origin/$GITHUB_BASE_REF" --format md' in comment["run"]
    assert "--fail-on book-does-not-fit,verdict" in step("diff", "Guard the book of work")["run"]


def test_the_check_job_fetches_the_history_changed_since_needs() -> None:
    assert workflow()["jobs"]["check"]["steps"][0]["with"]["fetch-depth"] == 0


# the steps, run ------------------------------------------------------------------------

@pytest.fixture
def runner(github: GitHub, tmp_path: Path) -> GitHub:
    github.tool("pmocat", f"exec '{sys.executable}' '{FAKE_PMOCAT}' \"$@\"\n")
    github.env["FAKE_PMOCAT_CALLS"] = str(tmp_path / "pmocat-calls.jsonl")
    return github


def run_step(github: GitHub, tmp_path: Path, job: str, name: str,
             **env: str) -> subprocess.CompletedProcess[str]:
    """The step's script as GitHub's runner runs it: `bash -e`, with the step's env (its
    `${{ }}` expressions as the runner would fill them in)."""
    spec = step(job, name)
    filled = {key: value.replace("${{ github.token }}", "a-token")
              for key, value in spec.get("env", {}).items()}
    assert "${{" not in spec["run"], "expressions belong in env:, not pasted into the script"
    return github.run(["bash", "-e", "-c", spec["run"]], cwd=tmp_path, env={**filled, **env})


def pmocat_calls(tmp_path: Path) -> list[list[str]]:
    record = tmp_path / "pmocat-calls.jsonl"
    return [json.loads(line) for line in record.read_text().splitlines()] if record.exists() else []


@needs_posix
@pytest.mark.slow
def test_the_comment_step_posts_one_comment_and_updates_it(runner: GitHub, tmp_path: Path) -> None:
    first = run_step(runner, tmp_path, "diff", "Comment what this pull request does")
    assert first.returncode == 0, first.stderr
    assert pmocat_calls(tmp_path) == [["diff", "origin/main", "--format", "md"]]
    later = "<!-- pmocat-diff -->\n**Ada leaves**: REQ-003 no longer fits.\n"
    second = run_step(runner, tmp_path, "diff", "Comment what this pull request does",
                      FAKE_DIFF_REPORT=later)
    assert second.returncode == 0, second.stderr
    assert [m.split()[0] for m in runner.methods()] == ["GET", "POST", "GET", "PATCH"]
    assert [c["body"] for c in runner.comments()] == [later]
    assert runner.calls()[-1]["argv"][:4] == ["api", "--method", "PATCH", "repos/pmo/catalogue/issues/comments/1"]
    assert later in Path(runner.env["GITHUB_STEP_SUMMARY"]).read_text()


@needs_posix
@pytest.mark.slow
def test_a_diff_that_cannot_run_fails_the_step_before_any_comment(runner: GitHub, tmp_path: Path) -> None:
    done = run_step(runner, tmp_path, "diff", "Comment what this pull request does", FAKE_DIFF_EXIT="2")
    assert done.returncode == 2
    assert runner.calls() == []


@needs_posix
@pytest.mark.slow
@pytest.mark.parametrize(("status", "fails"), [("0", False), ("1", True)])
def test_the_guard_fails_the_job_on_a_consequence(runner: GitHub, tmp_path: Path, status: str,
                                                  fails: bool) -> None:
    done = run_step(runner, tmp_path, "diff", "Guard the book of work", FAKE_DIFF_EXIT=status)
    assert (done.returncode != 0) is fails
    assert pmocat_calls(tmp_path) == [["diff", "origin/main", "--format", "github",
                                       "--fail-on", "book-does-not-fit,verdict"]]


@needs_posix
@pytest.mark.slow
def test_the_check_step_annotates_a_pull_requests_own_files(runner: GitHub, tmp_path: Path) -> None:
    assert run_step(runner, tmp_path, "check", "Check the catalogue").returncode == 0
    assert run_step(runner, tmp_path, "check", "Check the catalogue",
                    GITHUB_EVENT_NAME="push", GITHUB_BASE_REF="").returncode == 0
    assert pmocat_calls(tmp_path) == [
        ["check", "catalogue", "--format", "github", "--changed-since", "origin/main"],
        ["check", "catalogue", "--format", "github"],
    ]
