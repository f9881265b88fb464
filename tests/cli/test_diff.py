"""`pmocat diff` on git revisions, the work tree and folders, and on bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cases.diff.test_diff_golden import CASES
from tests.cli.conftest import Result
from tests.conftest import TODAY

pytestmark = [
    pytest.mark.slow,  # git repositories built in each test
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]
BASE = CASES / "person-leaves" / "base" / "catalogue"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                           "-c", "init.defaultBranch=main", "-C", str(repo), *args],
                          check=True, capture_output=True, text=True)
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository on `main` with two commits: the catalogue, then a price change."""
    root = tmp_path / "repo"
    shutil.copytree(BASE, root / "catalogue")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "catalogue")
    _edit(root / "catalogue/services/risk-workshop.yaml", "amount: 1800", "amount: 2000")
    git(root, "commit", "-q", "-am", "dearer risk workshops")
    monkeypatch.chdir(root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def _json(result: Result) -> dict[str, object]:
    assert result.exit_code in (0, 1), result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_two_commits(repo: Path, run: Callable[..., Result]) -> None:
    report = _json(run("diff", "HEAD~1", "HEAD", "--today", TODAY, "--format", "json"))
    assert report["changes"] == [{"kind": "service", "id": "risk-workshop",
                                  "file": "services/risk-workshop.yaml", "change": "changed",
                                  "field": "price.amount", "before": "1800.00", "after": "2000.00"}]
    assert report["base"] == "HEAD~1" and report["head"] == "HEAD"
    assert git(repo, "status", "--porcelain") == ""  # nothing checked out, nothing written


def test_a_dirty_work_tree_against_a_revision(repo: Path, run: Callable[..., Result]) -> None:
    roster = repo / "catalogue/roster.yaml"
    text = roster.read_text()
    roster.write_text(text[:text.index("  - id: ada")] + text[text.index("  - id: ben"):])
    result = run("diff", "main", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Ada Lovelace leaves: REQ-003 no longer fits")
    assert "single-chef introduced: baseline-schedule" in result.stdout
    failing = run("diff", "main", "--today", TODAY, "--fail-on", "book-does-not-fit,verdict")
    assert failing.exit_code == 1


def test_the_default_base_is_where_the_branch_left_main(repo: Path, run: Callable[..., Result]) -> None:
    git(repo, "checkout", "-q", "-b", "hire")
    _edit(repo / "catalogue/roster.yaml", "skills: {assurance: 4, reporting: 3}",
          "skills: {assurance: 4, reporting: 4}")
    git(repo, "commit", "-q", "-am", "Cy reaches reporting level 4")
    git(repo, "checkout", "-q", "main")
    _edit(repo / "catalogue/services/health-check.yaml", "amount: 2000", "amount: 2100")
    git(repo, "commit", "-q", "-am", "main moves on")
    git(repo, "checkout", "-q", "hire")
    report = _json(run("diff", "--today", TODAY, "--format", "json"))
    assert str(report["base"]).startswith("main (merge-base ")
    assert [c["id"] for c in report["changes"]] == ["cy"]  # type: ignore[index]
    assert {"code": "verdict", "request": "REQ-005"}.items() <= next(
        c for c in report["consequences"] if c["code"] == "verdict").items()  # type: ignore[attr-defined]


def test_inside_a_catalogue_diff_compares_it(repo: Path, run: Callable[..., Result],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "catalogue")
    report = _json(run("diff", "HEAD~1", "HEAD", "--today", TODAY, "--format", "json"))
    assert [(c["id"], c["file"]) for c in report["changes"]] == [  # type: ignore[index]
        ("risk-workshop", "services/risk-workshop.yaml")]


def test_base_equal_to_head(repo: Path, run: Callable[..., Result]) -> None:
    result = run("diff", "HEAD", "HEAD", "--today", TODAY, "--fail-on", "errors,verdict")
    assert (result.exit_code, result.stdout.splitlines()[0]) == (0, "No changes.")


def test_a_revision_that_is_not_there(repo: Path, run: Callable[..., Result]) -> None:
    result = run("diff", "no-such-branch", "--today", TODAY)
    assert result.exit_code == 2
    assert "no revision 'no-such-branch'" in result.stderr and "Traceback" not in result.stderr


def test_a_shallow_clone_says_to_fetch_the_history(repo: Path, tmp_path: Path,
                                                   run: Callable[..., Result],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    monkeypatch.chdir(clone)
    result = run("diff", "HEAD~1", "--today", TODAY)
    assert result.exit_code == 2
    assert "fetch-depth: 0" in result.stderr


def test_a_catalogue_on_one_side_only(tmp_path: Path, run: Callable[..., Result],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "README.md").write_text("a PMO\n")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    shutil.copytree(BASE, root / "catalogue")
    monkeypatch.chdir(root)
    result = run("diff", "HEAD", "--today", TODAY, "--format", "json")
    report = _json(result)
    assert str(report["summary"]).startswith("The catalogue is new in the work tree")
    assert report["unknown"] == ["verdict", "plan", "book-does-not-fit", "capacity", "margin"]
    assert {c["change"] for c in report["changes"]} == {"added"}  # type: ignore[index]


def test_a_side_with_errors(repo: Path, run: Callable[..., Result]) -> None:
    (repo / "catalogue/services/health-check.yaml").write_bytes(b"id: health-check\nname: [\n")
    result = run("diff", "HEAD", "--today", TODAY)
    assert result.exit_code == 0
    assert "consequences unknown (the work tree has errors)" in result.stdout.splitlines()[0]
    assert "Errors in the work tree" in result.stdout and "yaml-syntax" in result.stdout
    assert run("diff", "HEAD", "--today", TODAY, "--fail-on", "errors").exit_code == 1


def test_binary_and_huge_files_in_a_revision(repo: Path, run: Callable[..., Result],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "catalogue/services/logo.yaml").write_bytes(bytes(range(256)) * 4)
    (repo / "catalogue/services/huge.yaml").write_text("id: huge\n" + "# padding\n" * 2000)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "a binary and a huge file")
    monkeypatch.setenv("PMOCAT_MAX_FILE_BYTES", "10000")
    report = _json(run("diff", "HEAD~1", "HEAD", "--today", TODAY, "--format", "json"))
    introduced = {(c["code"], c["path"]) for c in report["consequences"]}  # type: ignore[index]
    assert ("encoding", "catalogue/services/logo.yaml") in introduced
    assert ("yaml-too-large", "catalogue/services/huge.yaml") in introduced


def test_github_annotations_land_on_the_changed_line(repo: Path, run: Callable[..., Result]) -> None:
    result = run("diff", "HEAD~1", "HEAD", "--today", TODAY, "--format", "github")
    assert result.stdout.startswith("::notice title=pmocat diff::")
    line = next(n for n, text in enumerate(
        (repo / "catalogue/services/risk-workshop.yaml").read_text().splitlines(), 1) if "price" in text)
    assert f"::notice file=catalogue/services/risk-workshop.yaml,line={line}," in result.stdout


def test_an_unknown_fail_on_code(repo: Path, run: Callable[..., Result]) -> None:
    result = run("diff", "HEAD~1", "--fail-on", "verdicts")
    assert result.exit_code == 2 and "did you mean 'verdict'?" in result.stderr


def test_outside_git_two_folders_work(tmp_path: Path, run: Callable[..., Result],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "price-change")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", os.fspath(CASES.parent))
    result = run("diff", "base", "head", "--today", TODAY)
    assert result.exit_code == 0 and "price.amount: 1800.00 → 2000.00" in result.stdout
    assert run("diff", "--today", TODAY).exit_code == 2


@pytest.mark.skipif(os.name != "posix", reason="needs a shell script")
def test_reading_revisions_runs_nothing_the_repository_names(repo: Path, tmp_path: Path,
                                                            run: Callable[..., Result]) -> None:
    marker = tmp_path / "ran"
    hook = tmp_path / "evil.sh"
    hook.write_text(f"#!/bin/sh\necho \"$0\" >> '{marker}'\ncat\n")
    hook.chmod(0o755)
    (repo / ".gitattributes").write_text("*.yaml filter=evil export-ignore\n")
    git(repo, "add", ".gitattributes")
    git(repo, "commit", "-q", "-m", "attributes")
    for setting in ("core.fsmonitor", "filter.evil.clean", "filter.evil.smudge", "core.pager",
                    "core.hooksPath"):
        git(repo, "config", setting, str(hook) if setting != "core.hooksPath" else str(tmp_path))
    (tmp_path / "post-checkout").write_text(hook.read_text())
    report = _json(run("diff", "HEAD~2", "HEAD", "--today", TODAY, "--format", "json"))
    assert not marker.exists()
    assert [c["field"] for c in report["changes"]] == ["price.amount"]  # type: ignore[index]


def test_a_crafted_tree_writes_nothing_outside_the_scratch_folder(
        repo: Path, tmp_path: Path, run: Callable[..., Result]) -> None:
    """A tree holding a link and a folder of the same name (only hand-made objects can)
    must not carry the folder's files through the link, out of the temporary folder; a
    link no file system can hold (a NUL in it) is left out, not a crash."""
    outside = tmp_path / "outside"
    outside.mkdir()

    def hashed(data: bytes) -> str:
        return subprocess.run(["git", "-C", str(repo), "hash-object", "-w", "--stdin"], input=data,
                              check=True, capture_output=True).stdout.decode().strip()

    def tree(listing: str) -> str:
        return subprocess.run(["git", "-C", str(repo), "mktree"], input=listing.encode(), check=True,
                              capture_output=True).stdout.decode().strip()

    link, blob, nul = hashed(os.fsencode(outside)), hashed(b"id: planted\n"), hashed(b"a\0b")
    folder = tree(f"100644 blob {blob}\tplanted.yaml\n")
    catalogue = tree(git(repo, "ls-tree", "HEAD:catalogue") + "\n"
                     + f"120000 blob {link}\tzzz\n040000 tree {folder}\tzzz\n120000 blob {nul}\tnul.yaml\n")
    commit = git(repo, "commit-tree", tree(f"040000 tree {catalogue}\tcatalogue\n"), "-p", "HEAD",
                 "-m", "crafted")
    result = run("diff", "HEAD", commit, "--today", TODAY)
    assert result.exit_code in (0, 1), result.stderr
    assert list(outside.iterdir()) == []


def test_a_revision_git_cannot_read_is_an_error_not_a_missing_catalogue(
        repo: Path, run: Callable[..., Result]) -> None:
    """A tree naming an object the clone lacks (a partial clone, a broken fetch) is exit 2,
    never 'the catalogue is gone'."""
    missing = "0123456789abcdef0123456789abcdef01234567"
    listing = git(repo, "ls-tree", "HEAD:catalogue") + f"\n100644 blob {missing}\tlost.yaml\n"
    catalogue = subprocess.run(["git", "-C", str(repo), "mktree", "--missing"], input=listing.encode(),
                               check=True, capture_output=True).stdout.decode().strip()
    root = subprocess.run(["git", "-C", str(repo), "mktree"], input=f"040000 tree {catalogue}\tcatalogue\n".encode(),
                          check=True, capture_output=True).stdout.decode().strip()
    commit = git(repo, "commit-tree", root, "-p", "HEAD", "-m", "broken")
    result = run("diff", "HEAD", commit, "--today", TODAY)
    assert result.exit_code == 2, result.stdout
    assert "git could not read the files of commit" in result.stderr and "Traceback" not in result.stderr


def test_a_partial_clone_fetches_nothing_through_its_own_config(
        repo: Path, tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    """A blob-less clone lacks BASE's files; git would fetch them through the remote its
    config names, and an `ext::` remote is a command. Nothing is fetched: exit 2."""
    git(repo, "config", "uploadpack.allowFilter", "true")
    clone, marker = tmp_path / "clone", tmp_path / "ran"
    subprocess.run(["git", "clone", "-q", "--filter=blob:none", f"file://{repo}", str(clone)], check=True)
    git(clone, "config", "remote.origin.url", f"ext::sh -c touch% {marker}")
    git(clone, "config", "protocol.ext.allow", "always")
    monkeypatch.chdir(clone)
    result = run("diff", "HEAD~1", "HEAD", "--today", TODAY)
    assert not marker.exists()
    assert result.exit_code == 2 and "git could not read the files" in result.stderr


def test_a_branch_only_the_remote_has_is_named_for_the_user(repo: Path, tmp_path: Path,
                                                           run: Callable[..., Result],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh clone of a repository on another branch has origin/main but no main."""
    git(repo, "branch", "-q", "hire")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "-b", "hire", f"file://{repo}", str(clone)], check=True)
    monkeypatch.chdir(clone)
    result = run("diff", "main", "--today", TODAY)
    assert result.exit_code == 2
    assert "there is 'origin/main': pmocat diff origin/main" in result.stderr


def test_a_huge_link_in_a_revision_is_never_read(repo: Path, run: Callable[..., Result],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A link's blob is not bounded by the file limit, so a link of a gigabyte would be
    read whole into memory; no file system takes a target past 4,096 bytes."""
    from pmocat.sources import git as plumbing

    target = subprocess.run(["git", "-C", str(repo), "hash-object", "-w", "--stdin"], input=b"x" * 5000,
                            check=True, capture_output=True).stdout.decode().strip()
    listing = git(repo, "ls-tree", "HEAD:catalogue") + f"\n120000 blob {target}\thuge-link.yaml\n"
    catalogue = subprocess.run(["git", "-C", str(repo), "mktree"], input=listing.encode(),
                               check=True, capture_output=True).stdout.decode().strip()
    root = subprocess.run(["git", "-C", str(repo), "mktree"], input=f"040000 tree {catalogue}\tcatalogue\n".encode(),
                          check=True, capture_output=True).stdout.decode().strip()
    commit = git(repo, "commit-tree", root, "-p", "HEAD", "-m", "a huge link")
    asked: list[str] = []
    real = plumbing._cat_blobs

    def recorded(top: Path, shas: list[str]) -> dict[str, bytes] | None:
        asked.extend(shas)
        return real(top, shas)

    monkeypatch.setattr(plumbing, "_cat_blobs", recorded)
    result = run("diff", "HEAD", commit, "--today", TODAY)
    assert result.exit_code in (0, 1), result.stderr
    assert asked and target not in asked


def test_work_tree_annotations_are_placed_from_the_repositorys_top(
        repo: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    _edit(repo / "catalogue/services/risk-workshop.yaml", "amount: 2000", "amount: 2100")
    monkeypatch.chdir(repo / "catalogue" / "services")
    inside = run("diff", "HEAD", "--today", TODAY, "--format", "github").stdout
    monkeypatch.chdir(repo)
    dotted = run("diff", "HEAD", "-c", "./catalogue", "--today", TODAY, "--format", "github").stdout
    for said in (inside, dotted):
        assert "::notice file=catalogue/services/risk-workshop.yaml,line=" in said
