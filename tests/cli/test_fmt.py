"""`pmocat fmt`: which files it touches, what --check and --diff say, and that it refuses
rather than change a value."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Result
from tests.conftest import EXAMPLES, ROOT

Run = Callable[..., Result]


@pytest.fixture
def tidy_copy(tmp_path: Path) -> Path:
    """A copy of examples/minimal, which is laid out already."""
    target = tmp_path / "minimal"
    shutil.copytree(EXAMPLES / "minimal", target)
    return target


def messy_request(catalogue: Path) -> Path:
    path = catalogue / "requests" / "REQ-009.yaml"
    path.write_text("service: project-health-check\nid: REQ-009   # the id\ncustomer: Board\n"
                    "due: 2027-06-30\n", encoding="utf-8")
    return path


def test_check_lists_the_files_and_changes_nothing(run: Run, tidy_copy: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tidy_copy.parent)
    path = messy_request(tidy_copy)
    before = path.read_bytes()
    result = run("fmt", "minimal", "--check")
    assert result.exit_code == 1
    assert result.stdout == "minimal/requests/REQ-009.yaml\n"
    assert "1 file would be reformatted" in result.stderr
    assert path.read_bytes() == before


def test_fmt_rewrites_then_check_is_clean(run: Run, tidy_copy: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tidy_copy)
    path = messy_request(tidy_copy)
    result = run("fmt")  # inside the catalogue: it is found by its pmo.yaml
    assert result.exit_code == 0, result.stderr
    assert "pmocat: formatted requests/REQ-009.yaml" in result.stderr
    assert path.read_text(encoding="utf-8") == (
        "id: REQ-009   # the id\nservice: project-health-check\ncustomer: Board\n"
        "due: 2027-06-30\n")
    assert run("fmt", "--check").exit_code == 0
    assert run("check", ".", "--today", "2026-12-01").exit_code == 0


def test_diff_prints_a_unified_diff_and_changes_nothing(run: Run, tidy_copy: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tidy_copy.parent)
    path = messy_request(tidy_copy)
    before = path.read_bytes()
    result = run("fmt", str(path.relative_to(tidy_copy.parent)), "--diff")
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/minimal/requests/REQ-009.yaml\n"
                                    "+++ b/minimal/requests/REQ-009.yaml\n")
    assert "-id: REQ-009   # the id\n" in result.stdout
    assert path.read_bytes() == before


def test_a_file_with_a_syntax_error_is_reported_and_not_touched(
        run: Run, tidy_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tidy_copy.parent)
    path = tidy_copy / "requests" / "REQ-009.yaml"
    path.write_text("id: REQ-009\ncustomer: [Board\n", encoding="utf-8")
    before = path.read_bytes()
    result = run("fmt", "minimal")
    assert result.exit_code == 2
    assert "minimal/requests/REQ-009.yaml:3:1: error yaml-syntax" in result.stderr
    assert "left minimal/requests/REQ-009.yaml as it is" in result.stderr
    assert path.read_bytes() == before


def test_crlf_and_a_byte_order_mark_become_lf_utf8(run: Run, tidy_copy: Path) -> None:
    path = tidy_copy / "requests" / "REQ-001.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    shown = run("fmt", str(path), "--diff")
    assert shown.exit_code == 1 and "byte order mark and CRLF line endings" in shown.stderr
    assert run("fmt", str(path)).exit_code == 0
    assert path.read_bytes() == text.encode("utf-8")


def test_a_path_outside_the_catalogue_is_refused(run: Run, tidy_copy: Path,
                                                 tmp_path: Path) -> None:
    stray = tmp_path / "stray.yaml"
    stray.write_text("a: 1\n", encoding="utf-8")
    result = run("fmt", str(stray), "-c", str(tidy_copy))
    assert result.exit_code == 2
    assert "is outside the catalogue" in result.stderr
    no_catalogue = run("fmt", str(stray))
    assert no_catalogue.exit_code == 2 and "is not in a catalogue" in no_catalogue.stderr
    assert stray.read_text(encoding="utf-8") == "a: 1\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_link_out_of_the_catalogue_is_not_read(run: Run, tidy_copy: Path,
                                                 tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: {a: 1}\n", encoding="utf-8")
    (tidy_copy / "requests" / "REQ-009.yaml").symlink_to(secret)
    result = run("fmt", str(tidy_copy))
    assert result.exit_code == 2 and "leads outside the catalogue" in result.stderr
    assert secret.read_text(encoding="utf-8") == "password: {a: 1}\n"


def test_a_layout_that_would_change_a_value_is_refused(
        run: Run, tidy_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pmocat.sources.layout as layout_module

    monkeypatch.setattr(layout_module, "layout", lambda text, shape: text.replace("Board", "Bored"))
    path = messy_request(tidy_copy)
    before = path.read_bytes()
    result = run("fmt", str(path))
    assert result.exit_code == 2
    assert "would change its values" in result.stderr and "REQ-009.yaml" in result.stderr
    assert path.read_bytes() == before


def test_a_new_catalogue_from_init_is_laid_out_already(run: Run, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert run("init", "--today", "2026-12-01").exit_code == 0
    result = run("fmt", "catalogue", "--check")
    assert result.exit_code == 0, result.stdout + result.stderr


def test_yaml_fmt_does_not_lay_out_is_named_and_left_alone(run: Run, tidy_copy: Path) -> None:
    path = tidy_copy / "requests" / "REQ-009.yaml"
    path.write_text("%YAML 1.2\n---\nid: REQ-009\n", encoding="utf-8")
    result = run("fmt", str(tidy_copy))
    assert result.exit_code == 2
    assert "REQ-009.yaml as it is: fmt does not lay out a file with a %YAML" in result.stderr
    assert path.read_text(encoding="utf-8") == "%YAML 1.2\n---\nid: REQ-009\n"


def test_the_bundled_catalogue_and_minimal_example_are_tidy(
        run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """What CI holds: `fmt --check` clean on catalogue/ and examples/minimal. examples/broken
    is left out on purpose: its mistakes sit at the lines and columns its EXPECTED.txt pins,
    and some of its files are not YAML fmt can read."""
    monkeypatch.chdir(ROOT)
    result = run("fmt", "--check", "catalogue", "examples/minimal")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "already tidy" in result.stderr


def test_a_folder_linked_from_outside_the_catalogue_is_neither_read_nor_written(
        run: Run, tidy_copy: Path, tmp_path: Path) -> None:
    """services/ as a link to a folder elsewhere: fmt reports it as check does, and new
    does not write into it."""
    elsewhere = tmp_path / "elsewhere"
    shutil.move(tidy_copy / "requests", elsewhere)
    (tidy_copy / "requests").symlink_to(elsewhere)
    messy = elsewhere / "REQ-001.yaml"
    messy.write_text("customer: Someone\nid: REQ-001\n", encoding="utf-8")
    before = sorted(p.name for p in elsewhere.iterdir()), messy.read_bytes()
    result = run("fmt", str(tidy_copy))
    assert result.exit_code == 2
    assert "requests:1:1: error unsafe-path this is a link that leads outside the catalogue" \
        in result.stderr
    result = run("new", "request", "REQ-900", "-c", str(tidy_copy), "--today", "2026-12-01")
    assert result.exit_code == 2 and "leads outside the catalogue" in result.stderr
    assert (sorted(p.name for p in elsewhere.iterdir()), messy.read_bytes()) == before


def test_a_file_saved_meanwhile_is_not_overwritten(run: Run, tidy_copy: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone saves the file from an editor after fmt read it: their edit stays, and the
    other files are still laid out."""
    import pmocat.sources.layout as layout_module

    path = messy_request(tidy_copy)
    other = tidy_copy / "requests" / "REQ-010.yaml"
    other.write_text(path.read_text(encoding="utf-8").replace("009", "010"), encoding="utf-8")
    real = layout_module.format_file

    def format_then_edit(file: Path, *args: object) -> object:
        result = real(file, *args)  # type: ignore[arg-type]
        if file.name == path.name:
            path.write_text("id: REQ-009\ncustomer: Saved meanwhile\n", encoding="utf-8")
        return result

    monkeypatch.setattr(layout_module, "format_file", format_then_edit)
    result = run("fmt", str(tidy_copy))
    assert result.exit_code == 2
    assert "REQ-009.yaml' changed while pmocat was working on it" in result.stderr
    assert path.read_text(encoding="utf-8") == "id: REQ-009\ncustomer: Saved meanwhile\n"
    assert other.read_text(encoding="utf-8").startswith("id: REQ-010")


def test_a_read_only_file_is_left_as_it_is(run: Run, tidy_copy: Path) -> None:
    path = messy_request(tidy_copy)
    before = path.read_bytes()
    path.chmod(0o444)
    result = run("fmt", str(path))
    assert result.exit_code == 2 and "REQ-009.yaml' is read-only" in result.stderr
    assert path.read_bytes() == before
    assert run("fmt", "--check", str(path)).exit_code == 1  # reading it is fine
