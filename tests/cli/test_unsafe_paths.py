"""What is not the catalogue's is never printed, and a folder that never answers never
hangs: each command runs in a fresh process, as a user would, under a timeout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT, TODAY

pytestmark = [
    pytest.mark.slow,  # each runs pmocat in a fresh process
    pytest.mark.skipif(not hasattr(os, "symlink") or not hasattr(os, "mkfifo")
                       or not Path("/etc/passwd").is_file(),
                       reason="needs symbolic links, named pipes and /etc/passwd"),
]

FORMATS = ("text", "concise", "json")


def pmocat(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT), "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "pmocat", *args, "--today", TODAY], cwd=cwd,
                          env=env, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=20, check=False)


def passwd_lines() -> list[str]:
    text = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    root = tmp_path / "catalogue"
    shutil.copytree(MINIMAL, root)
    return root


@pytest.mark.parametrize("link", ["services/x.yaml", "roster.yaml"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_link_to_etc_passwd_is_reported_and_never_printed(catalogue: Path, link: str,
                                                            fmt: str) -> None:
    (catalogue / link).unlink(missing_ok=True)
    (catalogue / link).symlink_to("/etc/passwd")
    result = pmocat("check", "catalogue", "--format", fmt, cwd=catalogue.parent)
    assert result.returncode == 1, result.stderr
    out = result.stdout + result.stderr
    assert f"catalogue/{link}" in out and "unsafe-path" in out
    assert "passwd" not in out
    leaked = [line for line in passwd_lines() if line in out]
    assert leaked == []
    if fmt == "json":
        diagnostics = json.loads(result.stdout)["diagnostics"]
        assert [(d["code"], d["path"]) for d in diagnostics if d["code"] == "unsafe-path"] == [
            ("unsafe-path", f"catalogue/{link}")]


def test_a_named_pipe_among_the_services_does_not_hang_check(catalogue: Path) -> None:
    os.mkfifo(catalogue / "services" / "x.yaml")
    result = pmocat("check", "catalogue", "--format", "concise", cwd=catalogue.parent)
    assert result.returncode == 1
    assert "catalogue/services/x.yaml:1:1: error unreadable-file this is a pipe, a device or a socket, not a file" \
        in result.stdout


def test_a_named_pipe_as_the_request_does_not_hang_can_take(catalogue: Path) -> None:
    os.mkfifo(catalogue.parent / "REQ-900.yaml")
    result = pmocat("can-take", "REQ-900.yaml", "--catalogue", "catalogue", cwd=catalogue.parent)
    assert result.returncode == 2
    assert "REQ-900.yaml:1:1: error unreadable-file" in result.stdout + result.stderr


def test_a_file_over_the_limit_set_in_the_environment(catalogue: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMOCAT_MAX_FILE_BYTES", "300")
    result = pmocat("check", "catalogue", "--format", "concise", cwd=catalogue.parent)
    assert result.returncode == 1
    assert "catalogue/roster.yaml:1:1: error yaml-too-large this file is larger than 300 bytes" \
        in result.stdout
