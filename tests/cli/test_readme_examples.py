"""README's example outputs are what the commands print today.

Each ```text block in README.md that starts with `$ pmocat …` is run from the project's
top folder (100 columns, no colour) and its standard output compared with the block. A
block whose last line is `…` shows only the first lines of the output. After a change to
what a command prints, run the command and paste its output into README.md.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmocat.cli import app

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"


def examples(text: str) -> list[tuple[str, list[str]]]:
    """(command, the output lines shown) for each example block."""
    found = []
    for block in re.findall(r"^```text\n(.*?)^```", text, re.M | re.S):
        first, *shown = block.rstrip("\n").split("\n")
        if first.startswith("$ pmocat "):
            found.append((first[2:], shown))
    return found


def test_readme_has_examples_with_output() -> None:
    commands = [command for command, _ in examples(README.read_text(encoding="utf-8"))]
    assert any(c.startswith("pmocat can-take") for c in commands)


@pytest.mark.parametrize(("command", "shown"), examples(README.read_text(encoding="utf-8")),
                         ids=lambda value: value if isinstance(value, str) else "")
def test_readme_example_output_is_current(command: str, shown: list[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    result = CliRunner().invoke(app, shlex.split(command)[1:], catch_exceptions=False)
    printed = result.stdout.rstrip("\n").split("\n")
    if shown and shown[-1] == "…":
        shown = shown[:-1]
        printed = printed[:len(shown)]
    assert printed == shown, f"README's output of `{command}` is out of date:\n{result.stdout}"
