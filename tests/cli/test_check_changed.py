"""`pmocat check --format github --changed-since REV`: annotations on a pull request's own
files, one notice for the rest, with the files found by git's plumbing and nothing run
that the repository names."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Result
from tests.conftest import EXAMPLES, TODAY

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

Run = Callable[..., Result]


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                           "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always",
                           "-C", str(repo), *args], check=True, capture_output=True, text=True)
    return done.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose main already has a problem (in services/monthly-report.yaml), a
    branch `feature` that adds one in roster.yaml, and main moved on since the branch left
    it (skills.yaml changed there, not on the branch). cwd is the repository."""
    root = tmp_path / "repo"
    catalogue = root / "catalogue"
    shutil.copytree(EXAMPLES / "minimal", catalogue)
    git(root, "init", "-q")
    edit(catalogue / "services" / "monthly-report.yaml", "category:", "categry:")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "main, with an old problem")
    git(root, "checkout", "-q", "-b", "feature")
    edit(catalogue / "roster.yaml", "hours_per_week: 20", "hours_per_week: twenty")
    git(root, "commit", "-q", "-am", "the pull request's change")
    git(root, "checkout", "-q", "main")
    (catalogue / "skills.yaml").write_text((catalogue / "skills.yaml").read_text() + "# moved on\n")
    git(root, "commit", "-q", "-am", "main moves on")
    git(root, "checkout", "-q", "feature")
    monkeypatch.chdir(root)
    return root


def check(run: Run, *args: str) -> Result:
    return run("check", "catalogue", "--format", "github", "--today", TODAY, *args)


def annotated(result: Result) -> list[str]:
    return [line.split(",")[0] for line in result.stdout.splitlines() if " file=" in line]


def notices(result: Result) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith("::notice title=")]


def test_only_the_branchs_files_are_annotated_and_the_rest_is_one_notice(run: Run, repo: Path) -> None:
    result = check(run, "--changed-since", "main")
    assert annotated(result) == ["::error file=catalogue/roster.yaml"]
    assert notices(result) == [
        "::notice title=pmocat::1 more problem (1 error) in files this pull request does not "
        "change: run 'pmocat check catalogue' to see them"]
    assert result.exit_code == 1  # the old problem still fails the check: it is only quieter


def test_without_changed_since_every_problem_is_annotated(run: Run, repo: Path) -> None:
    result = check(run)
    assert annotated(result) == ["::error file=catalogue/roster.yaml",
                                 "::error file=catalogue/services/monthly-report.yaml"]
    assert notices(result) == []


def test_a_problem_only_in_files_the_branch_does_not_change_still_fails(run: Run, repo: Path) -> None:
    edit(repo / "catalogue" / "roster.yaml", "hours_per_week: twenty", "hours_per_week: 20")
    git(repo, "commit", "-q", "-am", "fix the branch's own problem")
    result = check(run, "--changed-since", "main")
    assert annotated(result) == []
    assert len(notices(result)) == 1
    assert result.exit_code == 1


def test_edits_not_yet_committed_and_new_files_count_as_changed(run: Run, repo: Path) -> None:
    catalogue = repo / "catalogue"
    edit(catalogue / "pmo.yaml", "name:", "nam:")
    (catalogue / "services" / "new.yaml").write_text("id: new\n")
    (repo / ".gitignore").write_text("ignored.yaml\n")
    (catalogue / "services" / "ignored.yaml").write_text("id: ignored\n")
    result = check(run, "--changed-since", "main")
    assert annotated(result) == ["::error file=catalogue/pmo.yaml",
                                 "::error file=catalogue/roster.yaml",
                                 "::error file=catalogue/services/new.yaml"]
    assert "2 more problems (2 errors)" in notices(result)[0]  # the old one, and ignored.yaml


def test_a_deleted_file_is_changed(run: Run, repo: Path) -> None:
    (repo / "catalogue" / "roster.yaml").unlink()
    result = check(run, "--changed-since", "main")
    assert "::error file=catalogue/roster.yaml,line=1,col=1,title=pmocat missing-file::" in result.stdout


def test_the_catalogue_named_from_elsewhere(run: Run, repo: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check", str(repo / "catalogue"), "--format", "github", "--today", TODAY,
                 "--changed-since", "main")
    assert annotated(result) == [f"::error file={(repo / 'catalogue' / 'roster.yaml').as_posix()}"]
    assert f"run 'pmocat check {repo / 'catalogue'}' to see them" in notices(result)[0]


# what cannot be done is a one-line error, exit 2 ------------------------------------------

def test_a_revision_that_is_not_there(run: Run, repo: Path) -> None:
    result = check(run, "--changed-since", "origin/main")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "pmocat: error: --changed-since: there is no revision 'origin/main' in this repository; "
        "in CI, fetch it with full history (actions/checkout with fetch-depth: 0)\n")


@pytest.mark.parametrize("revision", ["--output=x", "-x"])
def test_an_option_is_not_taken_for_a_revision(run: Run, repo: Path, revision: str) -> None:
    result = check(run, f"--changed-since={revision}")
    assert result.exit_code == 2
    assert "takes a revision" in result.stderr
    assert not (repo / "x").exists()


def test_a_shallow_clone_without_the_common_history(run: Run, repo: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "feature", repo.as_uri(), str(clone))
    git(clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    monkeypatch.chdir(clone)
    result = check(run, "--changed-since", "origin/main")
    assert result.exit_code == 2
    assert "share no history here" in result.stderr
    assert "fetch-depth: 0" in result.stderr


def test_outside_a_repository(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(EXAMPLES / "minimal", tmp_path / "catalogue")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # the temp folder may be in one
    result = check(run, "--changed-since", "main")
    assert result.exit_code == 2
    assert result.stderr == ("pmocat: error: --changed-since compares with a git revision, but "
                             "'catalogue' is not in a git repository\n")


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif"])
def test_only_with_the_github_format(run: Run, repo: Path, fmt: str) -> None:
    result = run("check", "catalogue", "--format", fmt, "--changed-since", "main")
    assert result.exit_code == 2
    assert "--changed-since shapes the annotations of --format github" in result.stderr


@pytest.mark.skipif(os.name != "posix", reason="needs a shell script")
def test_git_runs_nothing_the_repository_names(run: Run, repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    hook = tmp_path / "evil.sh"
    hook.write_text(f"#!/bin/sh\necho \"$0\" >> '{marker}'\ncat\n")
    hook.chmod(0o755)
    (repo / ".gitattributes").write_text("*.yaml filter=evil diff=evil\n")
    for setting in ("core.fsmonitor", "filter.evil.clean", "filter.evil.process", "diff.evil.textconv",
                    "diff.external", "core.pager"):
        git(repo, "config", setting, str(hook))
    os.utime(repo / "catalogue" / "pmo.yaml", (0, 0))  # changed timestamps: git would look inside
    result = check(run, "--changed-since", "main")
    assert annotated(result) == ["::error file=catalogue/roster.yaml"]
    assert not marker.exists()
