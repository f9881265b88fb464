"""Reading sheets and calendars for `pmocat import`: encodings, separators, the mapping
language, typed cells, and the roster's round trip."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from pmocat.errors import PmocatError
from pmocat.sources.ics import read_events
from pmocat.sources.mapping import (
    ROSTER_FIELDS,
    CellError,
    Column,
    Entry,
    convert,
    parse_map_option,
    read_rows,
    resolve,
)
from pmocat.sources.roster_edit import AbsenceIn, Roster, _named_first, merge_absences
from pmocat.sources.sheets import Sheet, column_letter, decode, read_sheet
from tests.conftest import CATALOGUE, EXAMPLES


@pytest.mark.parametrize(("raw", "text"), [
    ("\ufeffid,name\n".encode(), "id,name\n"),
    ("id,nämé\n".encode(), "id,nämé\n"),
    ("id;Zoë;€\n".encode("cp1252"), "id;Zoë;€\n"),
    ("\ufeffid\tname\n".encode("utf-16-le"), "id\tname\n"),
])
def test_decode_finds_the_encoding(raw: bytes, text: str) -> None:
    assert decode(raw) == text


def test_bytes_that_are_no_text_are_refused(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_bytes(b"id,name\n\x81\x8d\x8f\x90\x9d\n")
    with pytest.raises(PmocatError, match="save it as CSV UTF-8"):
        read_sheet(tmp_path / "x.csv", "x.csv")


@pytest.mark.parametrize(("text", "headers", "comma"), [
    ("id,name\nann,Ann\n", ["id", "name"], False),
    ("id;name\nann;Ann\n", ["id", "name"], True),
    ("id\tname\nann\tAnn\n", ["id", "name"], False),
    ("sep=;\nid;name\nann;Ann\n", ["id", "name"], True),
    ("id\nann\n", ["id"], False),
])
def test_the_separator_is_sniffed(tmp_path: Path, text: str, headers: list[str],
                                  comma: bool) -> None:
    (tmp_path / "x.csv").write_text(text, encoding="utf-8")
    sheet = read_sheet(tmp_path / "x.csv", "x.csv")
    assert sheet.headers == headers and sheet.decimal_comma is comma
    assert sheet.rows[0].values[0] == "ann"
    assert sheet.rows[0].number == (3 if text.startswith("sep=") else 2)


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "ZZ", "AAA"]


def _sheet(*headers: str, comma: bool = False) -> Sheet:
    return Sheet("hr.csv", list(headers), [], decimal_comma=comma)


@pytest.mark.parametrize(("expression", "index", "factor"), [
    ("FTE", 1, Decimal(1)),
    ("fte", 1, Decimal(1)),
    ("FTE*37.5", 1, Decimal("37.5")),
    ("FTE * 37.5", 1, Decimal("37.5")),
    ("Weekly minutes / 60", 2, 1 / Decimal(60)),
    ("Rate*2", 3, Decimal(1)),  # the column itself is 'Rate*2': its name wins
])
def test_the_mapping_language(expression: str, index: int, factor: Decimal) -> None:
    sheet = _sheet("Employee ID", "FTE", "Weekly minutes", "Rate*2")
    columns, problems = resolve([Entry("hours_per_week", expression, "--map")], sheet,
                                ROSTER_FIELDS)
    assert problems == []
    assert (columns["hours_per_week"].index, columns["hours_per_week"].factor) == (index, factor)


@pytest.mark.parametrize(("expression", "message"), [
    ("Hours", "no column 'Hours'"),
    ("FTE/0", "cannot divide by 0"),
    ("FTE**2", "no column 'FTE*'"),
    ("__import__('os')", "no column"),
])
def test_a_mapping_that_is_not_a_column_is_a_problem(expression: str, message: str) -> None:
    _, problems = resolve([Entry("hours_per_week", expression, "--map")], _sheet("FTE"),
                          ROSTER_FIELDS)
    assert len(problems) == 1 and message in problems[0].message
    assert problems[0].where == "--map"


def test_map_option_splits_pairs_and_refuses_half_ones() -> None:
    entries = parse_map_option(["id=Employee ID, name = Full name", "role=Job"])
    assert [(e.field, e.expression) for e in entries] == [
        ("id", "Employee ID"), ("name", "Full name"), ("role", "Job")]
    with pytest.raises(PmocatError, match="field=COLUMN"):
        parse_map_option(["id"])


def _column(kind: str, factor: str = "1") -> Column:
    return Column("x", kind, 0, "X", Decimal(factor))


@pytest.mark.parametrize(("kind", "factor", "value", "expected"), [
    ("number", "37.5", 0.8, 30.0),
    ("number", "37.5", "80%", 30.0),
    ("number", "1", "1,234.5", 1234.5),
    ("money", "1", "£52.50", Decimal("52.50")),
    ("money", "0.1333333", 375, Decimal("50.00")),
    ("level", "1", 4.0, 4),
    ("level", "1", "3", 3),
    ("weekdays", "1", "Mon-Wed, fri", ["monday", "tuesday", "wednesday", "friday"]),
    ("weekdays", "1", "tues thursday", ["tuesday", "thursday"]),
    ("date", "1", "2027-04-05", date(2027, 4, 5)),
    ("date", "1", "2027-04-05 00:00:00", date(2027, 4, 5)),
    ("date", "1", "05/04/2027", date(2027, 4, 5)),
    ("date", "1", "5.4.2027", date(2027, 4, 5)),
    ("date", "1", 46482, date(2027, 4, 5)),
    ("date", "1", "46482", date(2027, 4, 5)),
    ("text", "1", 1042.0, "1042"),
    ("id", "1", "asha", "asha"),
    ("number", "1", None, None),
])
def test_cells_are_read_as_their_field(kind: str, factor: str, value: object,
                                       expected: object) -> None:
    assert convert(_column(kind, factor), value, _sheet("X")) == expected


def test_a_decimal_comma_in_a_semicolon_file() -> None:
    assert convert(_column("number"), "1.234,5", _sheet("X", comma=True)) == 1234.5


@pytest.mark.parametrize(("kind", "value"), [
    ("number", "lots"), ("number", "nan"), ("money", -3), ("level", 6), ("level", 2.5),
    ("weekdays", "Fri-Mon"), ("weekdays", "someday"), ("date", "2027-02-30"),
    ("date", "next week"), ("date", 0), ("id", "Ann Lee"), ("id", 1042),
])
def test_cells_that_are_not_their_field_are_refused(kind: str, value: object) -> None:
    with pytest.raises(CellError):
        convert(_column(kind), value, _sheet("X"))


def test_every_bad_cell_of_a_row_is_located(tmp_path: Path) -> None:
    (tmp_path / "hr.csv").write_text("id,hours_per_week,cost_per_hour\nann,x,y\n",
                                     encoding="utf-8")
    sheet = read_sheet(tmp_path / "hr.csv", "hr.csv")
    columns, _ = resolve([], sheet, ROSTER_FIELDS)
    rows, problems = read_rows(sheet, columns)
    assert [p.where for p in problems] == ["hr.csv:2:B", "hr.csv:2:C"]
    assert rows[0].failed == {"hours_per_week", "cost_per_hour"}


def test_xlsx_dates_merged_cells_and_hidden_sheets(tmp_path: Path) -> None:
    book = Workbook()
    hidden = book.active
    assert hidden is not None
    hidden.sheet_state = "hidden"
    hidden.append(["Lookups"])
    sheet = book.create_sheet("Leave")
    sheet.append(["Who", "From"])
    sheet.append(["ann", date(2027, 4, 5)])
    sheet.append([None, 46482])
    sheet.merge_cells("A2:A3")
    book.save(tmp_path / "l.xlsx")
    table = read_sheet(tmp_path / "l.xlsx", "l.xlsx")
    assert table.name == "Leave"
    assert [r.values[0] for r in table.rows] == ["ann", "ann"]
    assert [n.where for n in table.notes] == ["l.xlsx", "l.xlsx:2:A"]
    named = read_sheet(tmp_path / "l.xlsx", "l.xlsx", "sheet")  # hidden, but named
    assert named.name == "Sheet" and named.headers == ["Lookups"]


@pytest.mark.parametrize(("name", "data", "message"), [
    ("x.xlsx", b"PK\x03\x04 not really", "not an XLSX workbook"),
    ("x.xlsx", b"id,name\n", "not an XLSX workbook"),
    ("x.xls", b"\xd0\xcf\x11\xe0", "not a spreadsheet pmocat reads"),
    ("x.csv", b"", "is empty"),
    ("x.csv", b"id,name\x00\n", "binary"),
])
def test_files_that_are_no_sheet_are_refused(tmp_path: Path, name: str, data: bytes,
                                             message: str) -> None:
    (tmp_path / name).write_bytes(data)
    with pytest.raises(PmocatError, match=message):
        read_sheet(tmp_path / name, name)


def test_the_bundled_roster_round_trips_unchanged() -> None:
    for path in (CATALOGUE / "roster.yaml", EXAMPLES / "minimal" / "roster.yaml"):
        roster = Roster(path, str(path))
        assert roster.edited(lambda people: None) == path.read_text(encoding="utf-8")


def test_people_are_named_by_id_name_or_address() -> None:
    roster = Roster(CATALOGUE / "roster.yaml", "roster.yaml")
    assert roster.person_of("asha") == "asha"
    assert roster.person_of("  asha   PATEL ") == "asha"
    assert roster.person_of("asha.patel@example.org") == "asha"
    assert roster.person_of("asha@example.org") == "asha"
    assert roster.person_of("Asha P") is None
    assert _named_first(roster, "Asha Patel - Annual leave") == ("asha", "Annual leave")
    assert _named_first(roster, "ben: training") == ("ben", "training")
    assert _named_first(roster, "benchmarking day") == (None, "")


def test_absences_merge_once(tmp_path: Path) -> None:
    path = tmp_path / "roster.yaml"
    path.write_text((EXAMPLES / "minimal" / "roster.yaml").read_text(encoding="utf-8"))
    roster = Roster(path, "roster.yaml")
    first = AbsenceIn("ann", date(2027, 4, 5), date(2027, 4, 9), "Leave", "x")
    merge = merge_absences(roster, [first, first])
    assert (len(merge.added), len(merge.already)) == (1, 1) and merge.text is not None
    assert "      - from: 2027-04-05\n        to: 2027-04-09\n        reason: Leave\n" \
        in merge.text  # a block, as fmt writes it
    path.write_text(merge.text)
    again = merge_absences(Roster(path, "roster.yaml"), [first])
    assert again.added == [] and again.text is None


CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//t//EN
BEGIN:VEVENT
UID:a
DTSTAMP:20261201T000000Z
DTSTART;VALUE=DATE:20270104
DTEND;VALUE=DATE:20270105
RRULE:FREQ=WEEKLY
SUMMARY:Every Monday
END:VEVENT
BEGIN:VEVENT
UID:b
DTSTAMP:20261201T000000Z
DTSTART;VALUE=DATE:20270301
DURATION:P3D
SUMMARY:Three days
END:VEVENT
END:VCALENDAR
"""


def test_a_recurring_event_without_end_is_bounded(tmp_path: Path) -> None:
    (tmp_path / "c.ics").write_text(CALENDAR, encoding="utf-8")
    events = read_events(tmp_path / "c.ics", "c.ics", date(2027, 1, 1), date(2027, 3, 31))
    mondays = [e for e in events if e.summary == "Every Monday"]
    assert len(mondays) == 13 and all(e.start == e.end and e.start.weekday() == 0 for e in mondays)
    (three,) = [e for e in events if e.summary == "Three days"]
    assert (three.start, three.end) == (date(2027, 3, 1), date(2027, 3, 3))


def test_help_loads_no_spreadsheet_or_calendar_library() -> None:
    code = ("import sys; from pmocat.cli import app; from typer.testing import CliRunner; "
            "CliRunner().invoke(app, ['import', 'roster', '--help']); "
            "print(sorted(m for m in ('openpyxl', 'icalendar', 'recurring_ical_events') "
            "if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, cwd=Path(__file__).resolve().parents[2])
    assert found.stdout.strip() == "[]"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx", ".ics"]))
def test_arbitrary_bytes_never_raise_anything_but_a_plain_error(tmp_path: Path, data: bytes,
                                                                suffix: str) -> None:
    path = tmp_path / f"x{suffix}"
    path.write_bytes(data)
    try:
        if suffix == ".ics":
            read_events(path, path.name, date(2027, 1, 1), date(2027, 12, 31))
        else:
            read_sheet(path, path.name)
    except PmocatError:
        pass


def test_a_zip_that_is_no_workbook_is_refused(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "x.xlsx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<not really/>")
        archive.writestr("xl/workbook.xml", "<<<")
    with pytest.raises(PmocatError, match="not an XLSX workbook"):
        read_sheet(tmp_path / "x.xlsx", "x.xlsx")


def test_a_workbook_that_unpacks_too_large_is_refused_before_reading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Workbook().save(tmp_path / "x.xlsx")
    monkeypatch.setattr("pmocat.sources.sheets.MAX_XLSX_UNPACKED", 1000)
    with pytest.raises(PmocatError, match="unpacks to more than"):
        read_sheet(tmp_path / "x.xlsx", "x.xlsx")


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(["id", "text", "person", "number", "money", "level", "weekdays",
                             "date"]),
       value=st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.booleans(),
                       st.from_regex(r"[-+]?\d{1,40}([.,]\d{1,5})?(e[-+]?\d{1,12})?%?"),
                       st.dates()),
       factor=st.sampled_from(["1", "37.5", "0.001"]), comma=st.booleans())
def test_a_cell_is_its_type_or_a_cell_error(kind: str, value: object, factor: str,
                                            comma: bool) -> None:
    with contextlib.suppress(CellError):
        convert(_column(kind, factor), value, _sheet("X", comma=comma))


@pytest.mark.parametrize("text", [
    "# the team\n---\npeople:\n  - {id: ann, name: Ann, skills: {}, hours_per_week: 30}\n",
    "%YAML 1.2\n---  # ours\n# the team\npeople:\n  - id: ann # lead\n    name: Ann\n"
    "    skills: {}\n    hours_per_week: 30\n...\n# end\n",
])
def test_what_comes_before_and_after_the_document_is_kept(tmp_path: Path, text: str) -> None:
    path = tmp_path / "roster.yaml"
    path.write_text(text, encoding="utf-8")
    roster = Roster(path, "roster.yaml")
    assert roster.edited(lambda people: None) == text
    changed = roster.edited(lambda people: people[0].__setitem__("name", "Ann Lee"))
    assert changed == text.replace("name: Ann", "name: Ann Lee")


def test_a_roster_in_crlf_with_a_bom_is_written_back_so(tmp_path: Path) -> None:
    text = "\ufeffpeople:\r\n  - {id: ann, name: Ann, skills: {}, hours_per_week: 30}\r\n"
    path = tmp_path / "roster.yaml"
    path.write_bytes(text.encode())
    roster = Roster(path, "roster.yaml")
    assert roster.edited(lambda people: None) == text
    assert roster.by_id["ann"]["name"] == "Ann"


def test_a_sheet_whose_used_range_is_vast_is_refused_before_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One cell far from the table makes a file of a few kilobytes span millions of cells
    (XFD1048576 spans 17 billion): reading them all would never end."""
    import pmocat.sources.sheets as sheets

    book = Workbook()
    sheet = book.active
    sheet.append(["id", "name", "hours_per_week"])
    sheet.append(["dee", "Dee Ray", 10])
    sheet.cell(row=400, column=300, value="x")
    book.save(tmp_path / "hr.xlsx")
    monkeypatch.setattr(sheets, "MAX_CELLS", 100_000, raising=False)
    with pytest.raises(PmocatError, match=r"spans A1:KN400 \(400 rows by 300 columns\)"):
        sheets.read_sheet(tmp_path / "hr.xlsx", "hr.xlsx")


def test_a_merged_range_over_whole_rows_is_refused_before_openpyxl_loads_it(
        tmp_path: Path) -> None:
    """openpyxl makes an object for every merged cell as it loads: D2:XFD1048576 (17
    billion) would take hours, so the workbook's merges are counted first."""
    from pmocat.sources.sheets import read_sheet

    book = Workbook()
    book.active.append(["id", "name"])
    book.active.append(["dee", "Dee Ray"])
    book.save(tmp_path / "plain.xlsx")
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as source, \
            zipfile.ZipFile(tmp_path / "hr.xlsx", "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b'</sheetData><mergeCells count="1">'
                                    b'<mergeCell ref="D2:XFD1048576"/></mergeCells>')
            target.writestr(info, data)
    with pytest.raises(PmocatError, match=r"merges 17,176,707,075 cells"):
        read_sheet(tmp_path / "hr.xlsx", "hr.xlsx")
