"""Only the catalogue's own regular files are read: links out of it, loops, pipes, devices
and oversized files are refused, located at the path pmocat was given, and never opened."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmocat.diagnostics import Diagnostic
from pmocat.errors import PmocatError
from pmocat.render import text
from pmocat.sources.catalogue import load_catalogue
from pmocat.sources.requests import request_from_file
from pmocat.sources.yamlfile import load_yaml

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or not hasattr(os, "mkfifo"),
                                reason="needs symbolic links and named pipes")

SECRET = "TOKEN=hunter2-do-not-print\n"


def located(diagnostics: list[Diagnostic], root: Path) -> list[tuple[str, str, int, int]]:
    return [(d.code, Path(d.span.path).relative_to(root).as_posix(), d.span.line, d.span.column)
            for d in diagnostics]


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the catalogue that must never be read."""
    path = tmp_path / "outside" / "environ"
    path.parent.mkdir()
    path.write_text(SECRET)
    return path


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every path os.open is asked to open, resolved."""
    seen: list[str] = []
    real_open = os.open

    def spying_open(path: str, flags: int, *args: int) -> int:
        seen.append(os.path.realpath(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", spying_open)
    yield seen


def test_a_service_linked_to_etc_passwd_is_unsafe_and_never_opened(
        minimal_copy: Path, opened: list[str]) -> None:
    (minimal_copy / "services" / "x.yaml").symlink_to("/etc/passwd")
    cat, diagnostics = load_catalogue(str(minimal_copy))
    assert located(diagnostics, minimal_copy) == [("unsafe-path", "services/x.yaml", 1, 1)]
    assert "outside the catalogue" in diagnostics[0].message
    assert "passwd" not in diagnostics[0].message + str(diagnostics[0].hint)
    assert "/etc/passwd" not in opened
    assert set(cat.services) == {"monthly-report", "project-health-check"}


def test_a_roster_linked_outside_is_unsafe_and_its_text_is_never_shown(
        minimal_copy: Path, secret: Path, opened: list[str]) -> None:
    roster = minimal_copy / "roster.yaml"
    roster.unlink()
    roster.symlink_to(secret)
    cat, diagnostics = load_catalogue(str(minimal_copy))
    assert located(diagnostics, minimal_copy) == [("unsafe-path", "roster.yaml", 1, 1)]
    assert cat.people == {}
    shown = text.render(diagnostics, files=5)
    assert "roster.yaml" in shown and "unsafe-path" in shown
    assert "hunter2" not in shown and str(secret) not in shown
    assert str(secret) not in opened, "the text report must not read the target either"


def test_a_roster_the_user_names_may_live_outside_the_catalogue(
        minimal_copy: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "hr" / "roster.yaml"
    elsewhere.parent.mkdir()
    shutil.move(minimal_copy / "roster.yaml", elsewhere)
    link = tmp_path / "my-roster.yaml"
    link.symlink_to(elsewhere)
    cat, diagnostics = load_catalogue(str(minimal_copy), roster=str(link))
    assert diagnostics == [] and set(cat.people) == {"ann", "bob", "cat"}


@pytest.mark.parametrize("folder", ["requests", "services"])
def test_a_folder_linked_outside_the_catalogue_is_unsafe(
        minimal_copy: Path, tmp_path: Path, folder: str) -> None:
    outside = tmp_path / "elsewhere"
    shutil.move(minimal_copy / folder, outside)
    (minimal_copy / folder).symlink_to(outside, target_is_directory=True)
    cat, diagnostics = load_catalogue(str(minimal_copy))
    assert [(d.code, d.span.path, d.span.line) for d in diagnostics if d.code == "unsafe-path"] == [
        ("unsafe-path", str(minimal_copy / folder), 1)]
    assert getattr(cat, folder) == {}


def test_a_requests_folder_the_user_names_keeps_its_files_inside_it(
        minimal_copy: Path, tmp_path: Path, secret: Path) -> None:
    named = tmp_path / "book"
    shutil.copytree(minimal_copy / "requests", named)
    (named / "REQ-002.yaml").symlink_to(secret)
    cat, diagnostics = load_catalogue(str(minimal_copy), requests=str(named))
    assert [(d.code, d.span.path) for d in diagnostics] == [
        ("unsafe-path", str(named / "REQ-002.yaml"))]
    assert set(cat.requests) == {"REQ-001"}


def test_a_link_inside_the_catalogue_is_read(minimal_copy: Path) -> None:
    shared = minimal_copy / "shared"
    shared.mkdir()
    service = minimal_copy / "services" / "project-health-check.yaml"
    shutil.move(service, shared / "phc.yaml")
    service.symlink_to(Path("..") / "shared" / "phc.yaml")
    cat, diagnostics = load_catalogue(str(minimal_copy))
    assert diagnostics == []
    assert "project-health-check" in cat.services


@pytest.mark.parametrize("name", ["pmo.yaml", "skills.yaml", "ingredients.yaml"])
def test_a_file_that_links_to_itself_is_a_loop_not_a_missing_file(
        minimal_copy: Path, name: str) -> None:
    (minimal_copy / name).unlink()
    (minimal_copy / name).symlink_to(name)
    _, diagnostics = load_catalogue(str(minimal_copy))
    mine = [d for d in diagnostics if d.span.path.endswith(name)]
    assert [(d.code, d.span.line) for d in mine] == [("unsafe-path", 1)]
    assert "loops" in mine[0].message
    assert not any("has no" in d.message for d in diagnostics)


def test_two_services_linked_to_each_other_loop(minimal_copy: Path) -> None:
    services = minimal_copy / "services"
    (services / "a.yaml").symlink_to("b.yaml")
    (services / "b.yaml").symlink_to("a.yaml")
    _, diagnostics = load_catalogue(str(minimal_copy))
    assert located(diagnostics, minimal_copy) == [
        ("unsafe-path", "services/a.yaml", 1, 1), ("unsafe-path", "services/b.yaml", 1, 1)]


def test_a_link_that_leads_nowhere_says_so(minimal_copy: Path) -> None:
    (minimal_copy / "services" / "gone.yaml").symlink_to("no-such-file.yaml")
    _, diagnostics = load_catalogue(str(minimal_copy))
    assert located(diagnostics, minimal_copy) == [("unreadable-file", "services/gone.yaml", 1, 1)]
    assert "leads nowhere" in diagnostics[0].message


def test_a_named_pipe_is_never_opened(minimal_copy: Path, opened: list[str]) -> None:
    fifo = minimal_copy / "services" / "x.yaml"
    os.mkfifo(fifo)
    _, diagnostics = load_catalogue(str(minimal_copy))
    assert located(diagnostics, minimal_copy) == [("unreadable-file", "services/x.yaml", 1, 1)]
    assert "a pipe, a device or a socket, not a file" in diagnostics[0].message
    assert str(fifo) not in opened
    assert "services/x.yaml" in text.render(diagnostics, files=5)


def test_dev_zero_through_a_link_is_unsafe(minimal_copy: Path, opened: list[str]) -> None:
    (minimal_copy / "requests" / "REQ-002.yaml").symlink_to("/dev/zero")
    _, diagnostics = load_catalogue(str(minimal_copy))
    assert located(diagnostics, minimal_copy) == [("unsafe-path", "requests/REQ-002.yaml", 1, 1)]
    assert "/dev/zero" not in opened


def test_a_device_the_user_names_is_not_a_regular_file(minimal_copy: Path, tmp_path: Path) -> None:
    link = tmp_path / "roster.yaml"
    link.symlink_to("/dev/zero")
    _, diagnostics = load_catalogue(str(minimal_copy), roster=str(link))
    assert [(d.code, d.span.path) for d in diagnostics] == [("unreadable-file", str(link))]
    assert "a pipe, a device or a socket, not a file" in diagnostics[0].message


def test_a_request_file_that_is_a_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "REQ-900.yaml"
    os.mkfifo(fifo)
    request, problems = request_from_file(str(fifo))
    assert request is None
    assert [(d.code, d.span.path) for d in problems] == [("unreadable-file", str(fifo))]
    folder = tmp_path / "REQ-901.yaml"
    folder.mkdir()
    assert [d.message for d in request_from_file(str(folder))[1]] == [
        "this is a folder, not a file"]


def test_a_file_over_the_limit_is_too_large_and_not_read(
        minimal_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMOCAT_MAX_FILE_BYTES", "4000")
    service = minimal_copy / "services" / "project-health-check.yaml"
    with service.open("a") as stream:
        stream.write("# a long comment\n" * 250)
    _, diagnostics = load_catalogue(str(minimal_copy))
    too_large = [d for d in diagnostics if d.code == "yaml-too-large"]
    assert [d.span.path for d in too_large] == [str(service)]
    assert too_large[0].message == "this file is larger than 4,000 bytes"
    assert "alias" not in too_large[0].message + str(too_large[0].hint)


def test_a_huge_sparse_file_is_refused_at_once(minimal_copy: Path) -> None:
    huge = minimal_copy / "roster.yaml"
    with huge.open("r+b") as stream:
        stream.truncate(4 * 1024**3)  # 4 GB of nothing, which reading would hold in memory
    started = time.perf_counter()
    doc = load_yaml(huge, "roster.yaml")
    assert time.perf_counter() - started < 5
    assert [(d.code, d.message) for d in doc.diagnostics] == [
        ("yaml-too-large", "this file is larger than 10,485,760 bytes")]


@pytest.mark.parametrize("setting", ["ten", "-1", "0", "1e6"])
def test_a_bad_size_limit_is_a_usage_error(minimal_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                           setting: str) -> None:
    monkeypatch.setenv("PMOCAT_MAX_FILE_BYTES", setting)
    with pytest.raises(PmocatError, match="PMOCAT_MAX_FILE_BYTES takes a number of bytes"):
        load_catalogue(str(minimal_copy))
