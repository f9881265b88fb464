"""A full disk or a closed stdout is a one-line error with exit 2; a closed stderr changes
neither the answer nor its exit status. Run as a user runs pmocat: in a process of its own."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

import pytest

from tests.conftest import CATALOGUE, ROOT, TODAY

pytestmark = pytest.mark.slow

COMMANDS = {
    "check": (["check", str(CATALOGUE)], 0),
    "can-take": (["can-take", str(CATALOGUE / "requests" / "REQ-004.yaml"), "-c", str(CATALOGUE)], 0),
    "can-take no": (["can-take", str(CATALOGUE / "requests" / "REQ-006.yaml"), "-c", str(CATALOGUE)], 1),
    "plan": (["plan", str(CATALOGUE)], 0),
    "plan optimize": (["plan", str(CATALOGUE), "--optimize", "priority", "-f", "json"], 0),
    "menu": (["menu", str(CATALOGUE), "--format", "md"], 0),
}
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "100"}


def pmocat(args: list[str], redirect: str = "") -> subprocess.CompletedProcess[str]:
    """`pmocat ARGS REDIRECT` through bash, so that `>&-` and `2>&-` close the stream."""
    line = shlex.join([sys.executable, "-m", "pmocat", *args, "--today", TODAY])
    return subprocess.run(["bash", "-c", f"{line} {redirect}"], env=ENV, capture_output=True,
                          text=True, timeout=120, check=False)


def errors(stderr: str) -> list[str]:
    """stderr without the catalogue's own warnings."""
    return [line for line in stderr.splitlines() if " warning " not in line]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_full_disk_is_one_line_and_exit_2(name: str) -> None:
    args, _ = COMMANDS[name]
    with open("/dev/full", "w", encoding="utf-8") as full:
        line = shlex.join([sys.executable, "-m", "pmocat", *args, "--today", TODAY])
        result = subprocess.run(["bash", "-c", line], env=ENV, stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=120, check=False)
    assert result.returncode == 2, result.stderr
    assert errors(result.stderr) == [
        "pmocat: error: cannot write to standard output: the disk is full"]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_closed_stdout_is_one_line_and_exit_2(name: str) -> None:
    args, _ = COMMANDS[name]
    result = pmocat(args, ">&-")
    assert result.returncode == 2, result.stderr
    assert errors(result.stderr) == ["pmocat: error: standard output is closed; nothing can be written"]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_closed_stderr_changes_neither_answer_nor_status(name: str) -> None:
    args, code = COMMANDS[name]
    open_ = pmocat(args)
    closed = pmocat(args, "2>&-")
    assert open_.returncode == closed.returncode == code, open_.stderr
    assert closed.stdout == open_.stdout
