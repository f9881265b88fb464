"""Golden cases for `pmocat diff`: two catalogues, and what diff says about the change.

A case is `<name>/base/catalogue/` and `<name>/head/catalogue/` (the two sides), an
optional `args` file (more arguments, split on whitespace), and `expected.text`,
`expected.md`, `expected.json` and `expected.exit`, compared whole. `pytest
--update-golden` rewrites them; review the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmocat.cli import app
from tests.conftest import TODAY
from tests.golden import compare, compare_exit

CASES = Path(__file__).resolve().parent
FORMATS = ("text", "md", "json")


def cases() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "base").is_dir())


@pytest.mark.parametrize("name", cases())
def test_golden(name: str, update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES / name
    monkeypatch.chdir(case)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    extra = (case / "args").read_text().split() if (case / "args").exists() else []
    exits = set()
    for fmt in FORMATS:
        result = CliRunner().invoke(app, ["diff", "base", "head", "--today", TODAY, "--format", fmt,
                                          *extra], catch_exceptions=False)
        assert result.stderr == ""
        exits.add(result.exit_code)
        compare(case / f"expected.{fmt}", result.stdout, update=update_golden, what=f"{name}: {fmt}")
    compare_exit(case, exits, update=update_golden, name=name)
