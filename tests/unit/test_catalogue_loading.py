"""Loading a catalogue directory: every problem is a located diagnostic, none hides another."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pmocat.diagnostics import Diagnostic, Severity
from pmocat.errors import PmocatError
from pmocat.sources.catalogue import load_catalogue
from tests.conftest import MINIMAL

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "catalogue"


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
    with pytest.raises(PmocatError, match="no catalogue directory"):
        load_catalogue(str(tmp_path / "nowhere"))


def test_a_file_instead_of_a_catalogue_directory_raises(tmp_path: Path) -> None:
    path = tmp_path / "pmo.yaml"
    path.write_text("name: x\n")
    with pytest.raises(PmocatError, match="not a directory"):
        load_catalogue(str(path))


def test_a_named_roster_that_does_not_exist_raises(minimal: Path) -> None:
    with pytest.raises(PmocatError, match="roster"):
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
    real_open = os.open

    def refusing_open(path: str, flags: int, *args: int) -> int:
        if os.path.realpath(path) == os.path.realpath(blocked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refusing_open)
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


@pytest.mark.parametrize(("amount", "message"), [
    # pydantic counts all the digits before the decimals: this used to say "too large"
    ("12.345678901234567890123456789", "an amount has at most 2 decimal places"),
    ("4500.123", "an amount has at most 2 decimal places"),
    ("0.0000001", "an amount has at most 2 decimal places"),
    ("123456789012345678", "this amount is too large: at most 13 digits before the decimal point"),
    ("12345678901234.5", "this amount is too large: at most 13 digits before the decimal point"),
    ("1e20", "this amount is too large: at most 13 digits before the decimal point"),
])
def test_an_amount_is_refused_for_its_real_fault(minimal: Path, amount: str, message: str) -> None:
    path = minimal / "services" / "monthly-report.yaml"
    path.write_text(path.read_text().replace("amount: 500}", f"amount: {amount}}}"))
    _, diagnostics = load_catalogue(str(minimal))
    assert [(d.code, d.span.line, d.span.column, d.message)
            for d in in_file(diagnostics, "monthly-report.yaml")] == [("invalid-value", 9, 35, message)]


@pytest.mark.parametrize("amount", ["9999999999999.99", "12.30000", "0.01"])
def test_the_largest_and_finest_amounts_are_taken(minimal: Path, amount: str) -> None:
    path = minimal / "services" / "monthly-report.yaml"
    path.write_text(path.read_text().replace("amount: 500}", f"amount: {amount}}}"))
    _, diagnostics = load_catalogue(str(minimal))
    assert in_file(diagnostics, "monthly-report.yaml") == []


# --- values a YAML 1.1 loader or a careless parser would get wrong, in a whole catalogue ----


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def at(diag: Diagnostic) -> tuple[str, int, int]:
    return Path(diag.span.path).name, diag.span.line, diag.span.column


def position_of(path: Path, token: str) -> tuple[str, int, int]:
    """Where `token` first appears in a file, 1-based."""
    text = path.read_text(encoding="utf-8")
    index = text.index(token)
    return path.name, text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


@pytest.mark.parametrize(
    ("file", "old", "new", "code", "token"),
    [
        # 1e999 is a real number to YAML 1.2; as hours it is out of range, at the value
        ("services/monthly-report.yaml", "hours: 8}", "hours: 1e999}", "invalid-value", "1e999"),
        ("roster.yaml", "hours_per_week: 20,", "hours_per_week: 1e999,", "invalid-value", "1e999"),
        ("roster.yaml", "hours_per_week: 20,", "hours_per_week: .inf,", "invalid-value", ".inf"),
        ("services/monthly-report.yaml", "amount: 500}", "amount: 1e999}", "invalid-value",
         "1e999"),
        # a day February does not have: a located diagnostic, not a crash in datetime
        ("requests/REQ-001.yaml", "due: 2027-03-12", "due: 2027-02-30", "invalid-value",
         "2027-02-30"),
        ("requests/REQ-001.yaml", "start: 2027-02-01", "start: 2027-13-01", "invalid-value",
         "2027-13-01"),
        # an int with 5,000 digits where a whole number belongs
        ("services/project-health-check.yaml", "lead_time_days: 5",
         "lead_time_days: " + "9" * 5_000, "invalid-value", "9999"),
        # yes/no are text in YAML 1.2: a status of `no` is a wrong choice, not false
        ("services/monthly-report.yaml", "status: live", "status: no", "invalid-value", "no"),
        # a tab where indentation belongs: the rest of the catalogue still loads
        ("services/monthly-report.yaml", "recipe:\n  - ", "recipe:\n\t- ", "yaml-syntax", "\t"),
    ],
    ids=["hours-1e999", "weekly-hours-1e999", "weekly-hours-inf", "amount-1e999",
         "february-30", "month-13", "5000-digits", "status-no", "tab"],
)
def test_a_bad_value_is_located_and_the_rest_loads(
    minimal: Path, file: str, old: str, new: str, code: str, token: str
) -> None:
    replace_in(minimal / file, old, new)
    cat, diagnostics = load_catalogue(str(minimal))
    assert [(d.code, at(d)) for d in diagnostics] == [(code, position_of(minimal / file, token))]
    assert diagnostics[0].severity is Severity.ERROR
    # nothing else was lost
    assert cat.pmo is not None and set(cat.skills) == {"assurance", "reporting"}
    assert len(cat.people) + len(cat.services) + len(cat.requests) >= 5


def test_yaml_1_1_lookalikes_load_as_text(minimal: Path) -> None:
    replace_in(minimal / "skills.yaml", "name: Reporting}", "name: on}")
    replace_in(minimal / "roster.yaml", "name: Cat Moss,", "name: no, role: yes,")
    replace_in(minimal / "pmo.yaml", 'fri: "09:00-17:00"', "fri: 09:00-17:30")
    replace_in(minimal / "services/monthly-report.yaml", "summary: A monthly",
               "sla: 17:30\nsummary: A monthly")
    cat, diagnostics = load_catalogue(str(minimal))
    assert diagnostics == []
    assert cat.skills["reporting"].name == "on"
    assert (cat.people["cat"].name, cat.people["cat"].role) == ("no", "yes")
    assert cat.pmo is not None and cat.pmo.open_minutes(4) == 8 * 60 + 30
    assert cat.services["monthly-report"].sla == "17:30"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"id: a\n" + b"x: " + b"[" * 5_000 + b"]" * 5_000 + b"\n", "yaml-syntax"),
        (b"".join(b"  " * i + b"k:\n" for i in range(3_000)) + b"  " * 3_000 + b"v\n", "yaml-syntax"),
        (b"a: &a [" + b",".join([b'"lol"'] * 9) + b"]\n"
         + b"".join(b"%c: &%c [" % (c + 1, c + 1) + b",".join([b"*%c" % c] * 9) + b"]\n"
                    for c in range(ord("a"), ord("i"))), "yaml-too-large"),
        (bytes(range(256)) * 4, "encoding"),
        (b"\x00\x01\x02\x03binary\xff", "encoding"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "encoding"),
        (b"", "empty-file"),
        (b"# nothing but a comment\n", "empty-file"),
        (b"- id: a\n- id: b\n", "invalid-type"),
        (b"just text\n", "invalid-type"),
        (b"id: x\nid: y\n", "duplicate-key"),
        (b"id: [unclosed\n", "yaml-syntax"),
    ],
    ids=["deep-flow", "deep-block", "alias-bomb", "all-bytes", "binary", "png", "empty",
         "comment-only", "a-list", "a-scalar", "duplicate-key", "unclosed"],
)
def test_a_hostile_service_file_is_reported_and_the_others_load(
    minimal: Path, raw: bytes, code: str
) -> None:
    (minimal / "services" / "hostile.yaml").write_bytes(raw)
    cat, diagnostics = load_catalogue(str(minimal))
    hostile = in_file(diagnostics, "hostile.yaml")
    assert code in codes(hostile), hostile
    lines = len(raw.decode("utf-8", errors="replace").splitlines())
    assert all(1 <= d.span.line <= lines + 1 and d.span.column >= 1 for d in hostile), hostile
    assert [d for d in diagnostics if d not in hostile] == []
    assert {"monthly-report", "project-health-check"} <= set(cat.services)
    assert set(cat.people) == {"ann", "bob", "cat"}


def test_byte_order_marks_load_cleanly(minimal: Path) -> None:
    for path in (minimal / "services").glob("*.yaml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    roster = minimal / "roster.yaml"
    roster.write_bytes(roster.read_text(encoding="utf-8").encode("utf-16"))
    cat, diagnostics = load_catalogue(str(minimal))
    assert diagnostics == []
    assert set(cat.services) == {"monthly-report", "project-health-check"}
    assert set(cat.people) == {"ann", "bob", "cat"}


def test_positions_after_a_byte_order_mark_are_unchanged(minimal: Path) -> None:
    path = minimal / "services" / "monthly-report.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"status: live", b"status: liv"))
    _, diagnostics = load_catalogue(str(minimal))
    assert [(d.code, at(d)) for d in diagnostics] == [("invalid-value", ("monthly-report.yaml", 4, 9))]


def test_a_missing_requests_folder_is_no_problem(minimal: Path) -> None:
    shutil.rmtree(minimal / "requests")
    cat, diagnostics = load_catalogue(str(minimal))
    assert diagnostics == []
    assert cat.requests == {}


def test_a_named_requests_folder_that_does_not_exist_raises(minimal: Path) -> None:
    with pytest.raises(PmocatError, match="requests"):
        load_catalogue(str(minimal), requests=str(minimal / "elsewhere"))


def test_only_yaml_files_are_read(minimal: Path) -> None:
    services = minimal / "services"
    (services / "README.md").write_text("# not a service\n")
    (services / ".hidden.yaml").write_text("[not yaml\n")
    (services / "notes.txt").write_bytes(b"\xff\xfe binary")
    (services / "extra.yml").write_text(
        (services / "monthly-report.yaml").read_text().replace("id: monthly-report", "id: extra"))
    cat, diagnostics = load_catalogue(str(minimal))
    assert diagnostics == []
    assert set(cat.services) == {"extra", "monthly-report", "project-health-check"}


def test_display_paths_follow_the_argument(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    replace_in(minimal / "services/monthly-report.yaml", "status: live", "status: liv")
    monkeypatch.chdir(minimal.parent)
    for arg, shown in [("cat", "cat/services/monthly-report.yaml"),
                       ("cat/", "cat/services/monthly-report.yaml"),
                       ("./cat", "cat/services/monthly-report.yaml")]:
        _, diagnostics = load_catalogue(arg)
        assert [d.span.path for d in diagnostics] == [shown], arg
    monkeypatch.chdir(minimal)
    _, diagnostics = load_catalogue(".")
    assert [d.span.path for d in diagnostics] == ["services/monthly-report.yaml"]


def test_loading_leaves_the_garbage_collector_as_it_was(minimal: Path) -> None:
    import gc

    assert gc.isenabled()
    load_catalogue(str(minimal))
    assert gc.isenabled()
    gc.disable()
    try:
        load_catalogue(str(minimal))
        assert not gc.isenabled()
    finally:
        gc.enable()
