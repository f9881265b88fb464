"""Loading a catalogue directory: every problem is a located diagnostic, none hides another."""

from __future__ import annotations

import pathlib
import shutil
from pathlib import Path

import pytest

from pmocat.diagnostics import Diagnostic, Severity
from pmocat.sources.catalogue import CatalogueNotFound, load_catalogue

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "catalogue"
MINIMAL = REPO / "examples" / "minimal"


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    target = tmp_path / "cat"
    shutil.copytree(MINIMAL, target)
    return target


def load(root: Path) -> tuple[object, list[Diagnostic]]:
    return load_catalogue(str(root))


def in_file(diagnostics: list[Diagnostic], name: str) -> list[Diagnostic]:
    return [d for d in diagnostics if Path(d.span.path).name == name]


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


def test_the_minimal_example_loads_cleanly(minimal: Path) -> None:
    cat, diagnostics = load_catalogue(str(minimal))
    assert diagnostics == []
    assert set(cat.services) == {"monthly-report", "project-health-check"}
    assert set(cat.people) == {"ann", "bob", "cat"}


def test_the_bundled_catalogue_loads_with_no_diagnostics() -> None:
    cat, diagnostics = load_catalogue(str(BUNDLED))
    assert diagnostics == []
    assert cat.pmo is not None
    assert cat.services and cat.people and cat.skills


def test_missing_catalogue_directory_raises(tmp_path: Path) -> None:
    with pytest.raises(CatalogueNotFound, match="no catalogue directory"):
        load_catalogue(str(tmp_path / "nowhere"))


def test_a_file_instead_of_a_catalogue_directory_raises(tmp_path: Path) -> None:
    path = tmp_path / "pmo.yaml"
    path.write_text("name: x\n")
    with pytest.raises(CatalogueNotFound, match="not a directory"):
        load_catalogue(str(path))


def test_a_named_roster_that_does_not_exist_raises(minimal: Path) -> None:
    with pytest.raises(CatalogueNotFound, match="roster"):
        load_catalogue(str(minimal), roster=str(minimal / "other-roster.yaml"))


def test_missing_roster_is_a_missing_file_diagnostic(minimal: Path) -> None:
    (minimal / "roster.yaml").unlink()
    cat, diagnostics = load_catalogue(str(minimal))
    assert codes(diagnostics) == ["missing-file"]
    diag = diagnostics[0]
    assert diag.severity is Severity.ERROR
    assert Path(diag.span.path) == minimal / "roster.yaml"
    assert (diag.span.line, diag.span.column) == (1, 1)
    assert diag.hint is not None and "roster.yaml" in diag.hint
    # everything else still loads
    assert set(cat.services) == {"monthly-report", "project-health-check"}
    assert cat.people == {}


@pytest.mark.parametrize("name", ["pmo.yaml", "skills.yaml"])
def test_other_required_files_missing(minimal: Path, name: str) -> None:
    (minimal / name).unlink()
    _, diagnostics = load_catalogue(str(minimal))
    assert "missing-file" in codes(in_file(diagnostics, name))


def test_a_directory_named_roster_yaml_is_unreadable(minimal: Path) -> None:
    (minimal / "roster.yaml").unlink()
    (minimal / "roster.yaml").mkdir()
    _, diagnostics = load_catalogue(str(minimal))
    assert codes(diagnostics) == ["unreadable-file"]
    assert Path(diagnostics[0].span.path) == minimal / "roster.yaml"


def test_an_unreadable_file_is_a_diagnostic_and_the_others_still_load(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the tests run as root, so chmod 000 would not stop the read: refuse it here instead
    blocked = minimal / "services" / "monthly-report.yaml"
    real_read_bytes = pathlib.Path.read_bytes

    def read_bytes(self: pathlib.Path) -> bytes:
        if self == blocked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    cat, diagnostics = load_catalogue(str(minimal))
    assert codes(diagnostics) == ["unreadable-file"]
    diag = diagnostics[0]
    assert Path(diag.span.path) == blocked
    assert "Permission denied" in diag.message
    assert set(cat.services) == {"project-health-check"}
    assert set(cat.people) == {"ann", "bob", "cat"}
    assert cat.pmo is not None


def test_one_broken_service_does_not_hide_a_problem_in_another(minimal: Path) -> None:
    services = minimal / "services"
    (services / "broken.yaml").write_text("id: broken\nname: [unclosed\n")
    health = services / "project-health-check.yaml"
    health.write_text(health.read_text() + "colour: blue\n")
    cat, diagnostics = load_catalogue(str(minimal))

    broken = in_file(diagnostics, "broken.yaml")
    assert codes(broken) == ["yaml-syntax"]
    assert broken[0].span.line >= 2

    other = in_file(diagnostics, "project-health-check.yaml")
    assert codes(other) == ["unknown-key"]
    assert other[0].span.line == len(health.read_text().splitlines())
    assert other[0].span.column == 1

    # the unknown key is reported, but the service is still usable
    assert set(cat.services) == {"monthly-report", "project-health-check"}
    # the broken file's id could not be read, so it is not a service
    assert "broken" not in cat.services


def test_every_broken_file_is_reported(minimal: Path) -> None:
    (minimal / "pmo.yaml").write_text("name: [x\n")
    (minimal / "skills.yaml").write_bytes(b"skills: caf\xe9\n")
    (minimal / "services" / "a.yaml").write_text("")
    (minimal / "services" / "b.yaml").write_text("id: b\nid: b\n")
    _, diagnostics = load_catalogue(str(minimal))
    assert "yaml-syntax" in codes(in_file(diagnostics, "pmo.yaml"))
    assert "encoding" in codes(in_file(diagnostics, "skills.yaml"))
    assert "empty-file" in codes(in_file(diagnostics, "a.yaml"))
    assert "duplicate-key" in codes(in_file(diagnostics, "b.yaml"))


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pmo.yaml", "- name: Minimal PMO\n- currency: GBP\n"),
        ("roster.yaml", "- {id: ann}\n"),
        ("skills.yaml", "just some text\n"),
        ("services/monthly-report.yaml", "- id: monthly-report\n"),
    ],
)
def test_a_list_where_a_mapping_belongs_is_invalid_type_at_1_1(
    minimal: Path, name: str, text: str
) -> None:
    (minimal / name).write_text(text)
    _, diagnostics = load_catalogue(str(minimal))
    found = in_file(diagnostics, Path(name).name)
    assert codes(found) == ["invalid-type"]
    assert (found[0].span.line, found[0].span.column) == (1, 1)
    assert "mapping" in found[0].message


def test_a_mapping_where_a_list_belongs_is_located(minimal: Path) -> None:
    (minimal / "roster.yaml").write_text("people:\n  ann: {name: Ann}\n")
    _, diagnostics = load_catalogue(str(minimal))
    found = in_file(diagnostics, "roster.yaml")
    assert codes(found) == ["invalid-type"]
    assert (found[0].span.line, found[0].span.column) == (2, 3)


def test_one_bad_person_does_not_hide_the_others(minimal: Path) -> None:
    roster = minimal / "roster.yaml"
    lines = roster.read_text().splitlines()
    lines[2] = lines[2].replace("hours_per_week: 37.5", "hours_per_week: lots")
    roster.write_text("\n".join(lines) + "\n")
    cat, diagnostics = load_catalogue(str(minimal))
    found = in_file(diagnostics, "roster.yaml")
    assert len(found) == 1 and found[0].span.line == 3
    assert set(cat.people) == {"ann", "cat"}
    # bob is broken, but still known: references to him are not dangling
    assert "bob" in cat.named["person"]


def test_a_huge_hex_number_is_a_diagnostic_not_a_crash(minimal: Path) -> None:
    path = minimal / "services" / "monthly-report.yaml"
    path.write_text(path.read_text().replace("hours: 8", "hours: 0x" + "f" * 5_000))
    _, diagnostics = load_catalogue(str(minimal))
    found = in_file(diagnostics, "monthly-report.yaml")
    assert found and all(d.span.line == 8 for d in found)


def test_a_huge_decimal_number_is_a_diagnostic(minimal: Path) -> None:
    path = minimal / "services" / "monthly-report.yaml"
    path.write_text(path.read_text().replace("hours: 8", "hours: " + "9" * 5_000))
    _, diagnostics = load_catalogue(str(minimal))
    found = in_file(diagnostics, "monthly-report.yaml")
    assert "invalid-value" in codes(found)
    assert all(d.span.line == 8 for d in found)
