"""Which catalogue a command reads when none is named: the nearest directory holding
pmo.yaml, here or above (pmocat run inside a catalogue), else ./catalogue; with neither, a
plain error. One rule for every command.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer.main

from pmocat.cli import app
from tests.conftest import EXAMPLES, TODAY

Run = Any

#: a run of each command that reads a catalogue, naming none; its exit status when it works
RUNS: dict[str, tuple[list[str], set[int]]] = {
    "check": (["check", "--today", TODAY], {0}),
    "plan": (["plan", "--today", TODAY, "-f", "json"], {0}),
    "menu": (["menu", "-f", "json", "--today", TODAY], {0}),
    "can-take": (["can-take", "requests/REQ-001.yaml", "--today", TODAY, "-f", "json"], {0}),
    # tidy or not, but read (a broken catalogue is a syntax error: exit 2)
    "fmt": (["fmt", "--check"], {0, 1}),
    "new": (["new", "skill", "facilitation-extra", "--today", TODAY], {0}),
}


#: commands whose --catalogue means something else, each with the test of its own rule
OWN_RULE = {
    # a folder inside each side compared, which may be missing on one of them
    "diff": "tests/cli/test_diff.py::test_inside_a_catalogue_diff_compares_it",
}


def test_every_command_that_takes_a_catalogue_is_tried_here() -> None:
    taking = {name for name, command in typer.main.get_command(app).commands.items()  # type: ignore[attr-defined]
              if any("--catalogue" in p.opts for p in command.params)}
    assert taking <= set(RUNS) | set(OWN_RULE), f"add a run naming no catalogue for {sorted(taking - set(RUNS))}"


@pytest.mark.parametrize("name", list(RUNS))
def test_inside_a_catalogue_the_command_reads_it(
        run: Run, name: str, minimal_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a ./catalogue beside it that is broken shows which one was read
    (minimal_copy / "catalogue").mkdir()
    (minimal_copy / "catalogue" / "pmo.yaml").write_text("name: [broken\n", encoding="utf-8")
    monkeypatch.chdir(minimal_copy)
    words, status = RUNS[name]
    result = run(*words)
    assert result.exit_code in status, result.stderr
    if name == "menu":
        assert json.loads(result.stdout)["pmo"]["name"] == "Minimal PMO"


@pytest.mark.parametrize("name", list(RUNS))
def test_elsewhere_the_command_reads_the_catalogue_folder(
        run: Run, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(EXAMPLES / "minimal", tmp_path / "catalogue")
    monkeypatch.chdir(tmp_path)
    words, status = RUNS[name]
    if name == "can-take":
        words = ["can-take", "catalogue/requests/REQ-001.yaml", *words[2:]]
    result = run(*words)
    assert result.exit_code in status, result.stderr


@pytest.mark.parametrize("name", list(RUNS))
def test_with_no_catalogue_anywhere_it_says_how_to_name_one(
        run: Run, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    words, _ = RUNS[name]
    if name == "can-take":
        words = ["can-take", "--service", "project-health-check", "--due", "2027-03-12"]
    result = run(*words)
    assert result.exit_code == 2
    assert result.stderr == (
        "pmocat: error: no catalogue here: neither this directory nor one above it holds "
        "pmo.yaml, and there is no ./catalogue; run pmocat inside a catalogue, or name one "
        "with -c DIR\n")


@pytest.mark.parametrize("name", ["check", "fmt"])
def test_below_a_catalogue_the_command_reads_it(
        run: Run, name: str, minimal_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (minimal_copy / "services" / "catalogue").mkdir()  # a decoy, never read
    (minimal_copy / "services" / "catalogue" / "pmo.yaml").write_text("name: [broken\n",
                                                                      encoding="utf-8")
    monkeypatch.chdir(minimal_copy / "services")
    words, status = RUNS[name]
    assert run(*words).exit_code in status


def test_a_named_catalogue_wins_over_the_one_here(
        run: Run, minimal_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "pmo.yaml").write_text("name: [broken\n", encoding="utf-8")
    monkeypatch.chdir(other)
    assert run("check", str(minimal_copy), "--today", TODAY).exit_code == 0
    assert run("check", "-c", str(minimal_copy), "--today", TODAY).exit_code == 0
    assert run("check", "--today", TODAY).exit_code == 1
