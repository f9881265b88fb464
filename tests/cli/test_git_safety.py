"""`pmocat menu` asks git for the commit without running anything the repository names:
a catalogue's `.git/config` is as untrusted as its YAML."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT, TODAY

pytestmark = pytest.mark.slow  # a git repository and pmocat in fresh processes


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    root = tmp_path / "catalogue"
    shutil.copytree(MINIMAL, root)
    return root


def pmocat(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT), "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "pmocat", *args, "--today", TODAY], cwd=cwd,
                          env=env, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=20, check=False)


@pytest.mark.skipif(shutil.which("git") is None or os.name != "posix",
                    reason="needs git and a shell script")
def test_menu_never_runs_the_repositorys_fsmonitor_or_filters(catalogue: Path, tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                        "-C", str(catalogue), *args], check=True, capture_output=True)

    marker = tmp_path / "ran"
    hook = tmp_path / "evil.sh"
    hook.write_text(f"#!/bin/sh\necho \"$0\" >> '{marker}'\ncat\n")
    hook.chmod(0o755)
    git("init", "-q")
    (catalogue / ".gitattributes").write_text("*.yaml filter=evil\n")
    git("add", ".")
    git("commit", "-q", "-m", "catalogue")
    git("config", "core.fsmonitor", str(hook))
    git("config", "filter.evil.clean", str(hook))
    git("config", "core.pager", str(hook))
    os.utime(catalogue / "pmo.yaml", (0, 0))  # changed timestamps: git would filter the file
    result = pmocat("menu", "catalogue", "--format", "json", cwd=catalogue.parent)
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert json.loads(result.stdout)["commit"]  # git was asked, and answered
