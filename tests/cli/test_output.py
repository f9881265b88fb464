"""cli/output.py: colour, width, encoding, safe text, stdout and stderr, and writing files."""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pmocat.cli import output
from pmocat.errors import PmocatError
from pmocat.sources.catalogue import load_catalogue
from tests.cli.conftest import Result
from tests.conftest import CATALOGUE, ROOT, TODAY

Run = Callable[..., Result]
REQUEST = str(CATALOGUE / "requests" / "REQ-004.yaml")


class Tty(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


# colour and width


def test_colour_only_on_a_terminal(env: pytest.MonkeyPatch) -> None:
    assert output.use_color(Tty()) is True
    assert output.use_color(io.StringIO()) is False


@pytest.mark.parametrize("value", ["1", "true"])
def test_no_color_turns_colour_off_even_when_forced(env: pytest.MonkeyPatch, value: str) -> None:
    env.setenv("NO_COLOR", value)
    assert output.use_color(Tty()) is False
    env.setenv("FORCE_COLOR", "1")
    assert output.use_color(Tty()) is False


def test_force_color_turns_colour_on_for_a_pipe_and_a_dumb_terminal(env: pytest.MonkeyPatch) -> None:
    env.setenv("FORCE_COLOR", "1")
    env.setenv("TERM", "dumb")
    assert output.use_color(io.StringIO()) is True


def test_a_dumb_terminal_gets_no_colour(env: pytest.MonkeyPatch) -> None:
    env.setenv("TERM", "dumb")
    assert output.use_color(Tty()) is False


def test_empty_no_color_and_force_color_count_as_unset(env: pytest.MonkeyPatch) -> None:
    env.setenv("NO_COLOR", "")
    env.setenv("FORCE_COLOR", "")
    assert output.use_color(Tty()) is True
    assert output.use_color(io.StringIO()) is False


def test_width_from_columns_else_a_default_for_pipes(env: pytest.MonkeyPatch) -> None:
    assert output.width(io.StringIO()) == output.DEFAULT_WIDTH
    env.setenv("COLUMNS", "132")
    assert output.width(io.StringIO()) == 132
    env.setenv("COLUMNS", "12")
    assert output.width(io.StringIO()) == output.NARROWEST
    env.setenv("COLUMNS", "wide")
    assert output.width(io.StringIO()) == output.DEFAULT_WIDTH


@pytest.mark.parametrize("command", [
    ["can-take", REQUEST, "--catalogue", str(CATALOGUE)],
    ["plan", str(CATALOGUE)],
    ["check", str(CATALOGUE)],
])
def test_every_command_decides_colour_the_same_way(run: Run, monkeypatch: pytest.MonkeyPatch,
                                                    command: list[str]) -> None:
    assert "\x1b[" not in run(*command, "--today", TODAY).stdout  # NO_COLOR, TERM=dumb
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" not in run(*command, "--today", TODAY).stdout  # TERM=dumb, not a tty
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run(*command, "--today", TODAY).stdout


# safe text


def test_can_take_shows_names_as_written_and_harmless(run: Run, catalogue_copy: Path) -> None:
    roster = catalogue_copy / "roster.yaml"
    text = roster.read_text(encoding="utf-8")
    roster.write_text(re.sub(r"(?m)^    name: (.+)$", r'    name: "\1 [draft] \\e[2J \\u202e"', text),
                      encoding="utf-8")
    result = run("can-take", str(catalogue_copy / "requests" / "REQ-004.yaml"), "--catalogue", str(catalogue_copy), "--today", TODAY)
    assert result.exit_code == 0
    assert "[draft] ␛[2J �" in result.stdout
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


# stdout and stderr


class Failing(io.StringIO):
    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def write(self, text: str) -> int:
        raise self.error


def test_a_reader_that_goes_away_is_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", Failing(BrokenPipeError(errno.EPIPE, "Broken pipe")))
    output.write_out("the answer\n")  # dropped quietly: the command ends with its own status


def test_a_full_disk_or_closed_stdout_is_one_plain_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", Failing(OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(PmocatError, match="cannot write to standard output: the disk is full"):
        output.write_out("the answer\n")
    monkeypatch.setattr(sys, "stdout", None)
    with pytest.raises(PmocatError, match="standard output is closed"):
        output.write_out("the answer\n")


def test_a_closed_or_broken_stderr_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", Failing(OSError(errno.EBADF, "Bad file descriptor")))
    output.say("warning\n")
    monkeypatch.setattr(sys, "stderr", None)
    output.say("warning\n")


def test_text_a_stream_cannot_encode_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stream)
    output.write_out("Zoë │ 5 h\n")
    assert raw.getvalue() == b"Zo? ? 5 h\n"


def _ascii(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "ascii", "NO_COLOR": "1",
           "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "pmocat", *args, "--today", TODAY], env=env,
                          capture_output=True, text=True, encoding="ascii", errors="replace",
                          timeout=120, check=False)


@pytest.mark.slow
def test_a_non_utf8_stdout_never_crashes(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, catalogue)
    roster = catalogue / "roster.yaml"
    text = roster.read_text(encoding="utf-8")
    roster.write_text(re.sub(r"(?m)^    name: (.+)$", r"    name: \1 Ñoño-Łukasz 日本", text),
                      encoding="utf-8")
    for args, code in ((["can-take", str(catalogue / "requests" / "REQ-004.yaml"), "--catalogue", str(catalogue)], 0),
                       (["plan", str(catalogue)], 0),
                       (["check", str(catalogue)], 0)):
        result = _ascii(*args)
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        assert result.returncode == code, result.stderr
        assert result.stdout


# writing files


def test_a_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    output.write_file(target, "first\n")
    output.write_file(target, "second é\n")
    assert target.read_text(encoding="utf-8") == "second é\n"
    output.write_file(target, b"\x00bytes")
    assert target.read_bytes() == b"\x00bytes"
    assert os.listdir(tmp_path) == ["report.txt"]


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.txt"
    target.write_text("the old report\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(PmocatError, match=r"cannot write the report to '.*report.txt': the disk is full"):
        output.write_file(target, "the new report, half written\n" * 1000, what="the report")
    assert target.read_text(encoding="utf-8") == "the old report\n"
    assert os.listdir(tmp_path) == ["report.txt"]  # no temporary file left behind


def test_a_written_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "shared.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    output.write_file(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.html"
    output.write_file(fresh, "new")
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask


def test_the_catalogue_is_never_written_over(catalogue_copy: Path) -> None:
    cat, _ = load_catalogue(str(catalogue_copy))
    for path in (catalogue_copy, catalogue_copy / "roster.yaml", catalogue_copy / "pmo.yaml",
                 catalogue_copy / "services" / "new.yml", catalogue_copy / "services" / ".." / "pmo.yaml"):
        with pytest.raises(PmocatError, match="is part of the catalogue"):
            output.write_file(path, "oops", catalogue=cat)
    output.write_file(catalogue_copy / "menu.html", "fine", catalogue=cat)


@pytest.mark.parametrize("command", [
    ["check", "--format", "sarif", "-o"],
    ["plan", "-o"],
    ["menu", "--format", "html", "-o"],
])
def test_commands_refuse_an_output_onto_the_catalogue(run: Run, catalogue_copy: Path,
                                                     command: list[str]) -> None:
    roster = catalogue_copy / "roster.yaml"
    before = roster.read_bytes()
    result = run(command[0], str(catalogue_copy), *command[1:], str(roster), "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"pmocat: error: '{roster}' is part of the catalogue "
                                  f"'{catalogue_copy}'; write the output somewhere else\n")
    assert roster.read_bytes() == before
    assert run(command[0], str(catalogue_copy), *command[1:], str(catalogue_copy),
               "--today", TODAY).exit_code == 2
