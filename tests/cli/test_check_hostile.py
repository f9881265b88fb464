"""Hostile files never crash `pmocat check`: each one is a located problem, never a traceback.

Run as a user would, in a fresh process (`python -m pmocat`), in every format.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT, TODAY

SERVICE = """\
id: {id}
name: Hostile
category: Tests
status: planned
summary: A service file with something wrong in it.
owner: ann
recipe:
  - {{skill: assurance, level: 3, hours: 24}}
price: {{model: fixed, amount: 4500}}
"""

#: services/<name>.yaml -> its bytes
HOSTILE: dict[str, bytes] = {
    "junk": bytes(range(256)) * 4,
    "latin1": SERVICE.format(id="latin1").replace("Hostile", "Caf\xe9").encode("latin-1"),
    "bomb": b"id: bomb\n" + b"".join(
        f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9 if n else ['x'] * 9)}]\n".encode() for n in range(9)),
    "bom": b"\xef\xbb\xbf" + SERVICE.format(id="bom").replace("owner:", "ownr:").encode(),
    "empty": b"",
    "tabs": SERVICE.format(id="tabs").replace("  - {", "\t- {").encode(),
    "deep": b"id: deep\nx: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "deep-block": b"id: deep-block\n" + b"".join(b" " * n + b"k:\n" for n in range(3000)),
    "huge": SERVICE.format(id="huge").replace("hours: 24", "hours: 1e999999")
    .replace("amount: 4500", "amount: 123456789012345678901234567890123456789").encode()
    + b"lead_time_days: 99999999999999999999999999999999\n",
    "bad-date": SERVICE.format(id="bad-date").encode() + b"available:\n  - {from: 2027-02-30, to: 2027-03-01}\n",
    "clock": SERVICE.format(id="clock").encode() + b"lead_time_days: 17:30\n",
    "nul": b"id: nul\nname: a\x00b\n",
    "controls": SERVICE.format(id="controls").replace("Hostile", "\x1b[31mred\x1b[0m \u202eevil").encode(),
    "utf16": "\ufeffid: utf16\nname: [x\n".encode("utf-16-le"),
    "crlf": SERVICE.format(id="crlf").replace("\n", "\r\n").replace("owner:", "ownr:").encode(),
    "list": b"- just\n- a list\n",
    "scalar": b"just text\n",
    "merge": b"id: merge\n<<: *nowhere\n",
    "long-line": SERVICE.format(id="long-line").replace("Hostile", "x" * 20000).encode()
    + b"lead_time: 5\n",
}


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "pmocat", "check", *args, "--today", TODAY]


def environment() -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT), "COLUMNS": "100"}
    env.pop("FORCE_COLOR", None)
    return env


def pmocat(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(*args), cwd=cwd, env=environment(), capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=120, check=False)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "catalogue"
    shutil.copytree(MINIMAL, root)
    for name, data in HOSTILE.items():
        (root / "services" / f"{name}.yaml").write_bytes(data)
    (root / "services" / "folder.yaml").mkdir()  # a folder where a file belongs: unreadable
    return root


@pytest.fixture(scope="module")
def reports(hostile: Path) -> dict[str, subprocess.CompletedProcess[str]]:
    """`pmocat check` of the hostile catalogue in every format, each in a fresh process."""
    return {fmt: pmocat("catalogue", "--format", fmt, cwd=hostile.parent)
            for fmt in ("text", "concise", "json", "github", "sarif")}


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "github", "sarif"])
@pytest.mark.slow
def test_no_traceback_in_any_format(reports: dict[str, subprocess.CompletedProcess[str]],
                                    fmt: str) -> None:
    result = reports[fmt]
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""
    assert result.returncode == 1
    assert result.stdout


@pytest.mark.slow
def test_every_hostile_file_is_located(hostile: Path,
                                       reports: dict[str, subprocess.CompletedProcess[str]]) -> None:
    diagnostics = json.loads(reports["json"].stdout)["diagnostics"]
    located = {Path(d["path"]).stem for d in diagnostics}
    assert set(HOSTILE) | {"folder"} <= located
    for d in diagnostics:
        assert d["line"] >= 1 and d["column"] >= 1, d
        path = hostile.parent / d["path"]
        if path.is_file():
            lines = path.read_bytes().count(b"\n") + 1
            assert d["line"] <= lines + 1, d


@pytest.mark.parametrize(("name", "line", "column", "code"), [
    ("bom", 6, 1, "unknown-key"),
    ("crlf", 6, 1, "unknown-key"),
    ("tabs", 8, 1, "yaml-syntax"),
    ("latin1", 2, 10, "encoding"),
    ("clock", 10, 17, "invalid-type"),
    ("bad-date", 11, 12, "invalid-value"),
    ("huge", 8, 41, "invalid-value"),
    ("long-line", 10, 1, "unknown-key"),
    ("folder", 1, 1, "unreadable-file"),
])
def test_positions_survive_odd_encodings_and_line_ends(
        reports: dict[str, subprocess.CompletedProcess[str]], name: str, line: int, column: int,
        code: str) -> None:
    assert f"catalogue/services/{name}.yaml:{line}:{column}: error {code} " in reports["concise"].stdout


def test_text_never_lets_control_characters_through(
        reports: dict[str, subprocess.CompletedProcess[str]]) -> None:
    out = reports["text"].stdout
    assert not set(out) & (set(map(chr, range(32))) - {"\n"})
    assert "\u202e" not in out
    assert "name: ␛[31mred␛[0m �evil" in out


@pytest.mark.slow
def test_a_reader_that_stops_early_is_not_an_error(hostile: Path) -> None:
    """`pmocat check --format sarif | head -1`: no complaint about the closed pipe."""
    with subprocess.Popen(command("catalogue", "--format", "sarif"), cwd=hostile.parent,
                          env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(1) == b"{"
        proc.stdout.close()
        stderr = proc.stderr.read()
        assert proc.wait(timeout=120) == 1
    assert stderr == b""


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    root = tmp_path / "catalogue"
    shutil.copytree(MINIMAL, root)
    secret = root / "services" / "secret.yaml"
    secret.write_text(SERVICE.format(id="secret"))
    secret.chmod(0)
    try:
        result = pmocat("catalogue", "--format", "concise", cwd=tmp_path)
    finally:
        secret.chmod(0o644)
    assert "catalogue/services/secret.yaml:1:1: error unreadable-file" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
