"""Golden cases for `pmocat fmt`: each folder here is a catalogue before and after.

A case is `<name>/catalogue/` (the input, never changed), `expected.diff` (what
`fmt --diff` prints), `expected.stderr` and `expected.exit` (what `fmt` says and how it
ends), and `expected/` (every file as `fmt` leaves it). The case is copied first, so the
input stays as written. Then `fmt --check` on the result must find nothing left to do:
the layout is idempotent. `pytest --update-golden` rewrites the expectations; review the
diff before committing it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmocat.cli import app
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
    before = files(tmp_path / "catalogue")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")

    shown = CliRunner().invoke(app, ["fmt", "catalogue", "--diff"], catch_exceptions=False)
    assert files(tmp_path / "catalogue") == before, "--diff changed a file"
    compare(case / "expected.diff", shown.stdout, update=update_golden, what=f"{name}: diff")

    done = CliRunner().invoke(app, ["fmt", "catalogue"], catch_exceptions=False)
    compare(case / "expected.stderr", done.stderr, update=update_golden, what=f"{name}: stderr")
    compare(case / "expected.exit", f"{done.exit_code}\n", update=update_golden,
            what=f"{name}: exit status")
    after = files(tmp_path / "catalogue")
    if update_golden:
        shutil.rmtree(case / "expected", ignore_errors=True)
        shutil.copytree(tmp_path / "catalogue", case / "expected")
    assert after == files(case / "expected"), f"{name}: the files fmt wrote differ"

    again = CliRunner().invoke(app, ["fmt", "catalogue", "--check"], catch_exceptions=False)
    assert again.stdout == "", f"{name}: a second fmt would change {again.stdout}"
