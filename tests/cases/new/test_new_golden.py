"""Golden cases for `pmocat new`: each folder here is a catalogue, the arguments given to
`new`, and what it says and leaves.

A case is `<name>/catalogue/` (the input, copied first), `args` (split on whitespace),
`expected.stderr`, `expected.exit` and `expected/` (every file afterwards). The result
must still lay out as fmt would have it. `pytest --update-golden` rewrites the
expectations; review the diff before committing it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmocat.cli import app
from tests.conftest import TODAY
from tests.golden import compare

CASES = Path(__file__).resolve().parent


def cases() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "catalogue").is_dir())


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", cases())
def test_golden(name: str, update_golden: bool, tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES / name
    shutil.copytree(case / "catalogue", tmp_path / "catalogue")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    args = (case / "args").read_text(encoding="utf-8").split()
    done = CliRunner().invoke(app, ["new", *args, "-c", "catalogue", "--today", TODAY],
                              catch_exceptions=False)
    compare(case / "expected.stderr", done.stderr, update=update_golden, what=f"{name}: stderr")
    compare(case / "expected.exit", f"{done.exit_code}\n", update=update_golden,
            what=f"{name}: exit status")
    if update_golden:
        shutil.rmtree(case / "expected", ignore_errors=True)
        shutil.copytree(tmp_path / "catalogue", case / "expected")
    assert files(tmp_path / "catalogue") == files(case / "expected"), f"{name}: files differ"
    tidy = CliRunner().invoke(app, ["fmt", "catalogue", "--check"], catch_exceptions=False)
    assert tidy.exit_code == 0, tidy.stdout + tidy.stderr
