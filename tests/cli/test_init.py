"""`pmocat init`: a new catalogue that checks clean at once, and never overwrites a file."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.cli.conftest import Result
from tests.conftest import TODAY

Run = Callable[..., Result]

YAML_FILES = ["pmo.yaml", "skills.yaml", "ingredients.yaml", "roster.yaml",
              "services/project-health-check.yaml", "requests/REQ-001.yaml"]
SCHEMA_KINDS = ["pmo", "skills", "ingredients", "service", "roster", "request"]
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def init(run: Run, *args: str) -> Result:
    return run("init", *args, "--today", TODAY)


def load(path: Path) -> Any:
    """YAML 1.2, as GitHub and pre-commit read it (PyYAML's 1.1 would read `on:` as true)."""
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".git" not in p.parts}


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory outside any git repository (as far as git can tell)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    return tmp_path


@pytest.fixture
def repository(here: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(here)], check=True)
    return here


def test_a_new_catalogue_checks_clean_with_no_warnings(run: Run, here: Path) -> None:
    result = init(run)
    assert result.exit_code == 0, result.stderr
    assert "pmocat: wrote catalogue/pmo.yaml" in result.stderr
    assert "pmocat check catalogue\n" in result.stderr
    assert "pmocat can-take catalogue/requests/REQ-001.yaml -c catalogue" in result.stderr
    checked = run("check", "catalogue", "--strict", "--today", TODAY)
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    assert "no problems" in checked.stdout + checked.stderr
    assert not (here / ".pre-commit-config.yaml").exists()  # not in a git repository


def test_every_file_points_at_its_schema_written_beside_it(run: Run, here: Path) -> None:
    init(run)
    catalogue = here / "catalogue"
    for name in YAML_FILES:
        first = (catalogue / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), name
        schema = (catalogue / name).parent / first.split("$schema=", 1)[1]
        assert schema.resolve().parent == (catalogue / ".schemas").resolve(), name
        assert schema.is_file(), name
    assert sorted(p.name for p in (catalogue / ".schemas").iterdir()) == sorted(
        f"{kind}.schema.json" for kind in SCHEMA_KINDS)


def test_the_pmo_file_comments_every_setting(run: Run, here: Path) -> None:
    init(run)
    lines = (here / "catalogue" / "pmo.yaml").read_text(encoding="utf-8").splitlines()
    for line in lines:
        assert "#" in line or line.startswith(("  wednesday", "  thursday", "  friday")), line


@pytest.mark.parametrize("today", [TODAY, None])
def test_the_request_gets_an_answer_not_an_error(run: Run, here: Path, today: str | None) -> None:
    dated = ["--today", today] if today else []
    assert run("init", "pmo", *dated).exit_code == 0
    answer = run("can-take", "pmo/requests/REQ-001.yaml", "-c", "pmo", *dated)
    assert answer.exit_code in (0, 1), answer.stderr
    assert run("check", "pmo", "--strict", *dated).exit_code == 0


def test_the_request_is_due_after_the_day_it_was_written(run: Run, here: Path) -> None:
    init(run)
    request = load(here / "catalogue" / "requests" / "REQ-001.yaml")
    assert str(request["start"]) > TODAY
    assert request["due"] > request["start"]


@needs_git
def test_in_a_git_repository_it_writes_the_ci_files_at_the_top(run: Run, repository: Path) -> None:
    (repository / "pmo").mkdir()
    result = init(run, "pmo/catalogue")
    assert result.exit_code == 0, result.stderr
    config = load(repository / ".pre-commit-config.yaml")
    hooks = config["repos"][0]["hooks"]
    assert config["repos"][0]["repo"] == "https://github.com/pmocat/pmocat"
    assert hooks == [{"id": "pmocat-fmt", "args": ["pmo/catalogue"]},
                     {"id": "pmocat-check", "args": ["pmo/catalogue"]}]
    workflow = load(repository / ".github" / "workflows" / "catalogue.yml")
    assert workflow["on"]["pull_request"]["paths"] == ["pmo/catalogue/**"]
    runs = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert "pmocat check pmo/catalogue --format github" in runs
    assert "pre-commit install" in result.stderr


@needs_git
def test_ci_files_quote_an_awkward_directory_name(run: Run, repository: Path) -> None:
    assert init(run, "our catalogue").exit_code == 0
    config = load(repository / ".pre-commit-config.yaml")
    assert config["repos"][0]["hooks"][0]["args"] == ["our catalogue"]
    workflow = load(repository / ".github" / "workflows" / "catalogue.yml")
    runs = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert "pmocat check 'our catalogue' --format github" in runs
    diff = [step.get("run", "") for step in workflow["jobs"]["diff"]["steps"]]
    assert ("pmocat diff \"origin/$GITHUB_BASE_REF\" --catalogue 'our catalogue' --format md "
            "> \"$RUNNER_TEMP/pmocat-diff.md\"") in diff
    assert "python -m pmocat.cli.pr_comment \"$RUNNER_TEMP/pmocat-diff.md\"" in diff
    assert workflow["jobs"]["diff"]["steps"][0]["with"]["fetch-depth"] == 0


@needs_git
def test_no_ci_leaves_the_repository_files_out(run: Run, repository: Path) -> None:
    assert init(run, "--no-ci").exit_code == 0
    assert not (repository / ".pre-commit-config.yaml").exists()
    assert not (repository / ".github").exists()


@needs_git
def test_an_existing_ci_file_stops_everything(run: Run, repository: Path) -> None:
    (repository / ".pre-commit-config.yaml").write_text("repos: []\n")
    result = init(run)
    assert result.exit_code == 2
    assert ".pre-commit-config.yaml" in result.stderr and "--no-ci" in result.stderr
    assert not (repository / "catalogue").exists()


def test_init_twice_refuses_and_leaves_the_first_files_alone(run: Run, here: Path) -> None:
    assert init(run).exit_code == 0
    before = snapshot(here)
    result = run("init", "--today", "2027-06-01")
    assert result.exit_code == 2
    assert "'catalogue/pmo.yaml' exists already" in result.stderr
    assert snapshot(here) == before


def test_a_directory_holding_an_unrelated_file_is_fine(run: Run, here: Path) -> None:
    (here / "catalogue").mkdir()
    (here / "catalogue" / "NOTES.md").write_text("ours\n")
    assert init(run).exit_code == 0
    assert (here / "catalogue" / "NOTES.md").read_text() == "ours\n"
    assert run("check", "catalogue", "--strict", "--today", TODAY).exit_code == 0


@pytest.mark.parametrize("existing", ["requests/REQ-001.yaml", ".schemas/roster.schema.json",
                                      "roster.yaml"])
def test_one_existing_target_means_nothing_is_written(run: Run, here: Path, existing: str) -> None:
    target = here / "catalogue" / existing
    target.parent.mkdir(parents=True)
    target.write_text("mine\n")
    before = snapshot(here)
    result = init(run)
    assert result.exit_code == 2
    assert f"'catalogue/{existing}' exists already" in result.stderr
    assert "wrote nothing" in result.stderr
    assert snapshot(here) == before


def test_a_file_where_a_folder_goes_is_refused_before_writing(run: Run, here: Path) -> None:
    (here / "catalogue").mkdir()
    (here / "catalogue" / "services").write_text("not a folder\n")
    result = init(run)
    assert result.exit_code == 2
    assert "'catalogue/services' is a file" in result.stderr
    assert sorted(p.name for p in (here / "catalogue").iterdir()) == ["services"]


def test_a_dangling_symlink_counts_as_existing(run: Run, here: Path) -> None:
    (here / "catalogue").mkdir()
    (here / "catalogue" / "pmo.yaml").symlink_to(here / "nowhere.yaml")
    assert init(run).exit_code == 2
    assert not (here / "nowhere.yaml").exists()


def test_the_next_steps_name_the_commands_that_write_a_catalogue(run: Run, here: Path) -> None:
    """A new PMO learns new, import roster and fmt from init itself, not from the source."""
    result = init(run)
    assert "pmocat new KIND ID -c catalogue" in result.stderr
    assert "pmocat import roster hr.xlsx --map id=COLUMN,... -c catalogue" in result.stderr
    assert "pmocat fmt catalogue" in result.stderr
