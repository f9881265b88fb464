"""Golden cases for `pmocat check`: each folder here is a catalogue and what check says about it.

A case is `<name>/catalogue/` (the input), an optional `args` file (more arguments,
split on whitespace) and `expected.<format>` for each format it pins, plus `expected.exit`.
The output is compared whole. `pytest --update-golden` rewrites them (text, concise, json
and github for a case that has none yet); review the diff before committing it. SARIF is
not pinned here: it carries every check's documentation, which changes on its own; its
shape is tested in tests/unit/test_render_formats.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmocat.cli import app
from tests.conftest import TODAY
from tests.golden import compare, compare_exit

CASES = Path(__file__).resolve().parent
FORMATS = ("text", "concise", "json", "github", "sarif")
NEW_CASE_FORMATS = ["text", "concise", "json", "github"]


def cases() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "catalogue").is_dir())


def formats(case: Path) -> list[str]:
    return [fmt for fmt in FORMATS if (case / f"expected.{fmt}").exists()]


@pytest.mark.parametrize("name", cases())
def test_golden(name: str, update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES / name
    monkeypatch.chdir(case)  # paths in the reports read catalogue/…, wherever the repo is
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    extra = (case / "args").read_text().split() if (case / "args").exists() else []
    pinned = formats(case) or (NEW_CASE_FORMATS if update_golden else [])
    assert pinned, f"{name} has no expected output; run pytest --update-golden"
    exits = set()
    for fmt in pinned:
        result = CliRunner().invoke(app, ["check", "catalogue", "--today", TODAY, "--format", fmt, *extra],
                                    catch_exceptions=False)
        assert result.stderr == ""
        exits.add(result.exit_code)
        compare(case / f"expected.{fmt}", result.stdout, update=update_golden,
                what=f"{name}: {fmt}")
    compare_exit(case, exits, update=update_golden, name=name)
