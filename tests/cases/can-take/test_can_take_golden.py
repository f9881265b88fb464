"""Golden cases for `pmocat can-take`: a catalogue, a request, and the whole answer.

A case is `<name>/catalogue/`, `<name>/request.yaml`, and `expected.text`,
`expected.json`, `expected.md` and `expected.exit`, compared whole. There is a case for
each cause of a no (spec §4.1): a licence that runs out, an ingredient not ready yet, a
closure, a public holiday, the notice period, a season, the budget, a skill shortfall,
the planning horizon; and a request without a due date (§4.2). `pytest --update-golden` rewrites
them; review the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmocat.cli import app
from tests.conftest import TODAY
from tests.golden import compare, compare_exit

CASES = Path(__file__).resolve().parent
FORMATS = ("text", "json", "md")


def cases() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "request.yaml").is_file())


@pytest.mark.parametrize("name", cases())
def test_golden(name: str, update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES / name
    monkeypatch.chdir(case)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    exits = set()
    for fmt in FORMATS:
        result = CliRunner().invoke(app, ["can-take", "request.yaml", "--catalogue", "catalogue",
                                          "--today", TODAY, "--format", fmt], catch_exceptions=False)
        exits.add(result.exit_code)
        compare(case / f"expected.{fmt}", result.stdout, update=update_golden,
                what=f"{name}: {fmt}")
    compare_exit(case, exits, update=update_golden, name=name)
