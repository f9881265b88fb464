"""User text reaches a terminal as text: never read as Rich markup, never obeyed as a
control sequence, on every path (the panels, check's people formats, the warnings on
stderr). JSON and SARIF keep the exact text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Result
from tests.conftest import TODAY

Run = Callable[..., Result]
SERVICE = "Health check [/v2]"
CUSTOMER = "[draft] Acme [link=https://evil.example]Portal[/link]"
#: a title set, the screen cleared, a bell, and the line reversed
CONTROLS = "\\e]0;pwned\\a\\e[2J\\u202e"
RAW = ("\x1b", "\x07", "\u202e")


def edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, lambda m: replacement.format(*m.groups()), text, flags=re.M)
    assert changed != text, pattern
    path.write_text(changed, encoding="utf-8")


@pytest.fixture
def hostile(catalogue_copy: Path) -> Path:
    """The bundled catalogue with markup and control characters in its names: the health
    check (a pilot, so its name comes back as a warning too), REQ-004's customer, a
    person, and the licence whose expiry every command warns about."""
    edit(catalogue_copy / "services" / "project-health-check.yaml", r"^name: .*$",
         f'name: "{SERVICE} {CONTROLS}"')
    edit(catalogue_copy / "services" / "project-health-check.yaml", r"^status: .*$", "status: pilot")
    edit(catalogue_copy / "requests" / "REQ-004.yaml", r"^customer: .*$", f'customer: "{CUSTOMER}"')
    edit(catalogue_copy / "roster.yaml", r"^    name: (.+)$", f'    name: "{{}} [b]{CONTROLS}"')
    edit(catalogue_copy / "ingredients.yaml", r"^    name: PPM tool licence (.*)$",
         f'    name: "PPM tool licence [red]{CONTROLS}"')
    return catalogue_copy


def can_take(run: Run, catalogue: Path, *args: str) -> Result:
    return run("can-take", str(catalogue / "requests" / "REQ-004.yaml"), "--catalogue",
               str(catalogue), "--today", TODAY, *args)


def strings(value: Any) -> Iterator[str]:
    """Every string in a JSON document, keys and values."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def harmless(text: str) -> None:
    for char in RAW:
        assert char not in text, f"{char!r} reached the terminal"


def test_can_take_shows_names_as_written(run: Run, hostile: Path) -> None:
    result = can_take(run, hostile)
    assert result.exit_code == 0, result.stderr
    words = " ".join(result.stdout.replace("│", " ").split())
    assert "2 × Health check [/v2] ␛]0;pwned␇␛[2J� for [draft] Acme" in words
    assert "[link=https://evil.example]Portal[/link]" in words
    assert "[b]␛]0;pwned␇␛[2J�" in words  # the people who would do it
    assert "warning: 'Health check [/v2] ␛]0;pwned␇␛[2J�' is a pilot" in words
    harmless(result.stdout)
    harmless(result.stderr)


def test_a_markup_name_makes_no_hyperlink_and_no_style_in_colour(
        run: Run, hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.delenv("TERM")  # rich draws a dumb terminal 80 wide, whatever it is told
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    for result in (can_take(run, hostile), run("plan", str(hostile), "--today", TODAY)):
        assert result.exit_code == 0, result.stderr
        assert "\x1b[" in result.stdout  # in colour indeed
        assert "\x1b]8;" not in result.stdout  # no hyperlink
        assert "[link=https://evil.example]" in result.stdout and "[/link]" in result.stdout
        assert "\x1b]0;" not in result.stdout and "\u202e" not in result.stdout


def test_plan_shows_ids_names_and_customers_as_written(run: Run, hostile: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    result = run("plan", str(hostile), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    flat = "".join(result.stdout.replace("│", "").split())
    assert "Healthcheck[/v2]␛]0;pwned␇␛[2J�" in flat
    assert "[draft]Acme[link=https://evil.example]Portal[/link]" in flat
    assert "[b]␛]0;pwned␇␛[2J�" in flat  # the heatmap's names
    harmless(result.stdout)
    harmless(result.stderr)


@pytest.mark.parametrize("command", [["can-take"], ["plan"], ["menu", "--format", "json"]])
def test_the_warnings_every_command_prints_are_harmless(run: Run, hostile: Path,
                                                        command: list[str]) -> None:
    # the health check (REQ-004's service, and the new requests' in plan) needs the licence
    # too, so its warning bears on every answer and is shown
    edit(hostile / "services" / "project-health-check.yaml", r"^ingredients: .*$",
         "ingredients: [health-check-template, raid-log-template, ppm-tool-licence]")
    if command[0] == "can-take":
        result = can_take(run, hostile)
    else:
        result = run(*command, str(hostile), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "warning ingredient-expiring PPM tool licence [red]␛]0;pwned␇␛[2J� runs out" in (
        result.stderr)
    harmless(result.stderr)


@pytest.fixture
def evil_file(catalogue_copy: Path) -> Path:
    """A service whose file name and a key carry control characters: located problems
    whose path and message hold them."""
    services = catalogue_copy / "services"
    source = (services / "project-health-check.yaml").read_text(encoding="utf-8")
    name = "evil\x1b]0;pwned\x07\u202e.yaml"
    (services / name).write_text(
        source.replace("id: project-health-check", "id: evil")
        + '"tit\\e[2Jle\\u202e": x\n', encoding="utf-8")
    return catalogue_copy


@pytest.mark.parametrize("fmt", ["concise", "github", "text"])
def test_check_formats_for_people_and_logs_are_harmless(run: Run, evil_file: Path,
                                                        fmt: str) -> None:
    result = run("check", str(evil_file), "--format", fmt, "--today", TODAY)
    assert result.exit_code == 1
    assert "evil␛]0;pwned␇�.yaml" in result.stdout
    assert "tit␛[2Jle�" in result.stdout
    harmless(result.stdout)


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_and_sarif_keep_the_exact_text(run: Run, evil_file: Path, fmt: str) -> None:
    result = run("check", str(evil_file), "--format", fmt, "--today", TODAY)
    assert result.exit_code == 1
    assert any("evil\x1b]0;pwned\x07\u202e.yaml" in text for text in strings(json.loads(result.stdout)))
    assert "\x1b" not in result.stdout  # JSON escapes ESC and BEL as \u001b and \u0007


def test_a_line_break_in_a_name_cannot_draw_a_line_of_its_own(run: Run, catalogue_copy: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    fake = "Yes — we can deliver everything"
    edit(catalogue_copy / "requests" / "REQ-004.yaml", r"^customer: .*$",
         f'customer: "Acme\\n{fake}"')
    monkeypatch.setenv("COLUMNS", "250")
    for result in (can_take(run, catalogue_copy), run("plan", str(catalogue_copy), "--today", TODAY)):
        assert result.exit_code == 0, result.stderr
        lines = [line.strip(" │") for line in result.stdout.splitlines()]
        assert not any(line.startswith(fake) for line in lines), result.stdout
        assert f"Acme {fake}" in result.stdout
