"""The text report: grouped by file, the source line with a caret, a summary, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmocat.diagnostics import Diagnostic, Span, error, info, warning
from pmocat.render import render_diagnostics, summary_line
from pmocat.render.text import _extent, render


def write(tmp_path: Path, name: str, data: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


def caret_under(out: str, source: str) -> str:
    """The text the caret line underlines in `source`'s excerpt."""
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.endswith(source))
    shown, carets = lines[at], lines[at + 1]
    start = carets.index("^")
    return shown[start:start + carets.count("^")]


@pytest.mark.parametrize(("line", "column", "underlined"), [
    ("lead_time: 5", 1, "lead_time"),
    ("owner: anne  # the owner", 8, "anne"),
    ("customer: Website Rebuild Project", 11, "Website Rebuild Project"),
    ("summary: 'It''s here' # c", 10, "'It''s here'"),
    ('name: "a \\" b" x', 7, '"a \\" b"'),
    ('name: "never closed', 7, '"never closed'),
    ("price: {model: fixed, amount: x}", 8, "{model: fixed, amount: x}"),
    ("price: {model: fixed, amount: x}", 16, "fixed"),
    ("ingredients: [licence, old-template]", 24, "old-template"),
    ("skills: {assurance: 3, reporting: 7}", 35, "7"),
    ("opening: [09:00-12:00, '13:00']", 11, "09:00-12:00"),
    ("x: [[[[", 4, "["),
    ("tags: [Ann's, b]", 15, "b"),
    ("x: {a: 'q]', b: 2} # c", 4, "{a: 'q]', b: 2}"),
    ("\t- b", 1, "\t"),
    ("short", 9, ""),
    ("", 1, ""),
])
def test_extent(line: str, column: int, underlined: str) -> None:
    start = min(column - 1, len(line))
    assert line[start:start + _extent(line, start)] == underlined


def test_grouped_by_file_with_source_caret_and_help(tmp_path: Path) -> None:
    path = write(tmp_path, "service.yaml", "id: x\nlead_time: 5\nduration_days: ten\n")
    out = render([
        error("unknown-key", "unknown key 'lead_time'", Span(path, 2, 1), "did you mean 'lead_time_days'?"),
        warning("odd", "a warning", Span(path, 3, 16)),
    ], files=3)
    assert out == (
        f"{path}\n"
        "  2:1   error   unknown-key  unknown key 'lead_time'\n"
        "    2 │ lead_time: 5\n"
        "      │ ^^^^^^^^^\n"
        "      = help: did you mean 'lead_time_days'?\n"
        "\n"
        "  3:16  warning odd  a warning\n"
        "    3 │ duration_days: ten\n"
        "      │                ^^^\n"
        "\n"
        "1 error, 1 warning in 1 of 3 files.\n"
    )


def test_tabs_expand_and_the_caret_follows(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "a:\tbad: 1\n")
    assert caret_under(render([error("c", "m", Span(path, 1, 3))], files=1), "a:  bad: 1") == "  "
    assert caret_under(render([error("c", "m", Span(path, 1, 4))], files=1), "a:  bad: 1") == "bad"


def test_wide_characters_keep_the_caret_in_place(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "n: 中文 bad\n")
    lines = render([error("c", "m", Span(path, 1, 7))], files=1).splitlines()
    assert lines[2] == "    1 │ n: 中文 bad"
    assert lines[3] == "      │ " + " " * len("n: 中文 ") + " " * 2 + "^^^"  # each of 中文 is two cells wide


def test_a_byte_order_mark_does_not_shift_the_caret(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", b"\xef\xbb\xbfowner: anne\n")
    assert caret_under(render([error("c", "m", Span(path, 1, 8))], files=1), "owner: anne") == "anne"


def test_utf16_files_are_shown_as_text(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "\ufeffowner: anne\n".encode("utf-16-le"))
    assert caret_under(render([error("c", "m", Span(path, 1, 8))], files=1), "owner: anne") == "anne"


def test_line_breaks_are_counted_as_yaml_counts_them(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "a: 1\r\nb: 2\rc: 3\u2028d: 4\x0ce\n")
    out = render([error("c", "m", Span(path, 4, 4))], files=1)
    assert caret_under(out, "d: 4␌e") == "4␌e"


@pytest.mark.parametrize(("tail", "cut_end"), [(" wrong: 5", False), (" wrong: 5 " + "y" * 300, True)])
def test_a_long_line_is_cut_around_the_caret(tmp_path: Path, tail: str, cut_end: bool) -> None:
    path = write(tmp_path, "x.yaml", "summary: " + "x" * 300 + tail + "\n")
    out = render([error("c", "m", Span(path, 1, 311))], files=1, width=60)
    shown = next(line for line in out.splitlines() if line.startswith("    1 │ "))
    assert len(shown) == 60
    assert shown.startswith("    1 │ …x")
    assert shown.endswith("…" if cut_end else " wrong: 5")
    assert caret_under(out, shown[8:]) == "wrong"


def test_the_end_of_the_file_can_be_pointed_at(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "a: [1, 2\n")
    out = render([error("yaml-syntax", "unclosed", Span(path, 2, 1))], files=1)
    assert "    2 │ \n      │ ^\n" in out


@pytest.mark.parametrize("setup", ["missing", "folder", "beyond"])
def test_no_source_line_when_there_is_none(tmp_path: Path, setup: str) -> None:
    path = tmp_path / "x.yaml"
    if setup == "folder":
        path.mkdir()
    elif setup == "beyond":
        path.write_text("a: 1\n")
    out = render([error("c", "the message", Span(str(path), 9, 1))], files=1)
    assert out == f"{path}\n  9:1  error c  the message\n\n1 error in 1 file.\n"


def test_undecodable_bytes_are_shown_not_raised(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", b"name: Caf\xe9\n")
    assert caret_under(render([error("encoding", "m", Span(path, 1, 10))], files=1), "name: Caf�") == "�"


def test_user_text_is_never_markup_or_terminal_control(tmp_path: Path) -> None:
    path = write(tmp_path, "[red]x.yaml", "name: \x1b[2J[bold]\u202eboo\n")
    out = render([error("c", "got '[bold]x[/]'\nnext", Span(path, 1, 7), "try [i]y[/i]\x1b[0m")], files=1)
    assert "[red]x.yaml" in out
    assert "got '[bold]x[/]' next" in out
    assert "help: try [i]y[/i]␛[0m" in out
    assert "name: ␛[2J[bold]�boo" in out
    assert "\x1b" not in out and "\u202e" not in out


def test_colour_only_when_asked(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "a: 1\n")
    diagnostics = [error("c", "m", Span(path, 1, 4))]
    assert "\x1b[" not in render(diagnostics, files=1)
    coloured = render(diagnostics, files=1, color=True)
    assert "\x1b[1;31merror" in coloured
    assert "\x1b[1;31m^" in coloured


@pytest.mark.parametrize(("diagnostics", "files", "line"), [
    ([], 14, "All clear: 14 files checked, no problems."),
    ([], 1, "All clear: 1 file checked, no problems."),
    ([error("c", "m", Span("a"))], 1, "1 error in 1 file."),
    ([error("c", "m", Span("a")), error("c", "m", Span("b")), warning("w", "m", Span("b"))], 14,
     "2 errors, 1 warning in 2 of 14 files."),
    ([warning("w", "m", Span("a")), info("i", "m", Span("a")), info("i", "n", Span("a"))], 3,
     "1 warning, 2 notes in 1 of 3 files."),
    ([error("missing-file", "m", Span("roster.yaml"))], 0, "1 error in 1 file."),
])
def test_summary_line(diagnostics: list[Diagnostic], files: int, line: str) -> None:
    assert summary_line(diagnostics, files) == line


def test_render_diagnostics_sorts_by_file_and_position(tmp_path: Path) -> None:
    out = render_diagnostics("text", [
        error("c", "third", Span("b.yaml", 1, 1)),
        error("c", "second", Span("a.yaml", 10, 1)),
        error("c", "first", Span("a.yaml", 2, 5)),
    ], files=2)
    assert out.index("first") < out.index("second") < out.index("third")
    assert out.count("a.yaml\n") == 1


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), line=st.integers(0, 12), column=st.integers(0, 500),
       width=st.integers(20, 200))
def test_any_file_and_any_position_renders(tmp_path: Path, data: bytes, line: int, column: int,
                                           width: int) -> None:
    path = write(tmp_path, "x.yaml", data)
    out = render([error("c", "m", Span(path, line, column), "h")], files=1, width=width)
    assert not set(out) & (set(map(chr, range(32))) - {"\n"})
    assert out.endswith("1 error in 1 file.\n")
