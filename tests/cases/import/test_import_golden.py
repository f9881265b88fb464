"""Golden cases for `pmocat import roster|absences`: a spreadsheet or calendar, built here
(XLSX with openpyxl, CSV and ICS as bytes, so each case shows exactly what it feeds in),
merged into the small commented catalogue beside this file.

Each case's `<name>.txt` holds the exit status, what was printed on stdout and stderr, and
the unified diff of roster.yaml (none when nothing is written). `pytest --update-golden`
rewrites them; review the diff before committing it.
"""

from __future__ import annotations

import difflib
import re
import shutil
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from pmocat.cli import app
from tests.conftest import TODAY
from tests.golden import compare

CASES = Path(__file__).resolve().parent
Builder = Callable[[Path], list[str]]


def cached(path: Path, values: dict[str, str]) -> None:
    """Give formula cells the values a spreadsheet program would have saved with them
    (openpyxl writes formulas but never computes them)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/"):
            text = data.decode()
            for cell, value in values.items():
                text = re.sub(rf'(<c r="{cell}"[^>]*>)(<f>[^<]*</f>)<v */>',
                              rf"\1\2<v>{value}</v>", text)
            parts[name] = text.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def roster_csv_utf8_bom(tmp: Path) -> list[str]:
    (tmp / "hr.csv").write_bytes(
        "\ufeffEmployee ID,Full name,FTE,Assurance level,Days\r\n"
        "ann,Ann Lee,1,5,\r\n"
        "bob,Bob Stone,0.6,3,Mon-Wed\r\n"
        "dee,Dée Ñúñez,0.8,2,\"mon, tue, thu, fri\"\r\n".encode())
    return ["roster", "hr.csv", "--map", "id=Employee ID,name=Full name,hours_per_week=FTE*37.5",
            "--map", "skills.assurance=Assurance level,working_days=Days"]


def roster_csv_cp1252_semicolons(tmp: Path) -> list[str]:
    (tmp / "hr.csv").write_bytes(
        "id;name;hours_per_week;cost_per_hour\r\n"
        "cat;Cat Moss;22,5;31,50\r\n"
        "eve;Ève Müller;37,5;€45\r\n".encode("cp1252"))
    return ["roster", "hr.csv"]


def roster_xlsx(tmp: Path) -> list[str]:
    book = Workbook()
    lookups = book.active
    assert lookups is not None
    lookups.title = "Lookups"
    lookups.sheet_state = "hidden"
    lookups.append(["Grade", "Rate"])
    people = book.create_sheet("People")
    people.append(["Login", "Name", "Department", "Contracted hours", "Day rate"])
    people.append(["ann", "Ann Lee", "PMO", "=35+2.5", 375])
    people.append(["fay", "Fay Hart", None, 30, "=E2*1.2"])
    people.append(["gus", "Gus Ward", None, 37.5, 300])
    people.merge_cells("C2:C4")
    book.save(tmp / "hr.xlsx")
    cached(tmp / "hr.xlsx", {"D2": "37.5", "E3": "450"})
    (tmp / "hr-map.yaml").write_text("id: Login\nname: Name\nrole: Department\n"
                                     "hours_per_week: Contracted hours\n"
                                     "cost_per_hour: Day rate / 7.5\n", encoding="utf-8")
    return ["roster", "hr.xlsx", "--map-file", "hr-map.yaml"]


def roster_bad_cells(tmp: Path) -> list[str]:
    (tmp / "hr.csv").write_text(
        "Employee ID,Full name,FTE,Assurance level,Days\n"
        "Ann Lee,Ann Lee,1,4,\n"
        "bob,Bob Stone,lots,9,Mon-Wed\n"
        "bob,Robert Stone,1,3,\n"
        "hal,,1,2,someday\n"
        "ivy,Ivy Cole,,,\n", encoding="utf-8")
    return ["roster", "hr.csv", "--map", "id=Employee ID,name=Full name,hours_per_week=FTE*37.5,"
            "skills.assurance=Assurance level,working_days=Days"]


def roster_missing_column(tmp: Path) -> list[str]:
    (tmp / "hr.csv").write_text("Employee ID,Full name,FTE\nann,Ann Lee,1\n", encoding="utf-8")
    return ["roster", "hr.csv", "--map", "id=Employee ID,name=Fullname,hours_per_week=Hours*37.5,"
            "skils.assurance=FTE,skills.auditing=FTE,role=FTE*2"]


def roster_map_file_errors(tmp: Path) -> list[str]:
    (tmp / "hr.csv").write_text("Employee ID,Full name\nann,Ann Lee\n", encoding="utf-8")
    (tmp / "map.yaml").write_text("id: Employee ID\nname: Full name\nhours_per_wek: FTE\n",
                                  encoding="utf-8")
    return ["roster", "hr.csv", "--map-file", "map.yaml"]


def roster_uncomputed_formula(tmp: Path) -> list[str]:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "hours_per_week"])
    sheet.append(["ann", "=30+7.5"])
    book.save(tmp / "hr.xlsx")
    return ["roster", "hr.xlsx"]


def roster_no_visible_sheet_named(tmp: Path) -> list[str]:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Staff"
    sheet.append(["id", "name"])
    book.save(tmp / "hr.xlsx")
    return ["roster", "hr.xlsx", "--sheet", "People"]


def absences_xlsx_dates(tmp: Path) -> list[str]:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Employee", "First day", "Last day", "Type"])
    sheet.append(["Ann Lee", date(2027, 4, 5), date(2027, 4, 9), "Annual leave"])  # there already
    sheet.append(["bob", 46433, 46437, "Training"])  # day numbers: 15-19 Feb 2027
    sheet.append(["cat", "2027-05-03", "07/05/2027", None])
    sheet.append(["cat", "2027-05-03", "07/05/2027", "Twice in the sheet"])
    book.save(tmp / "leave.xlsx")
    return ["absences", "leave.xlsx", "--map", "person=Employee,from=First day,to=Last day,"
            "reason=Type"]


def absences_csv_bad(tmp: Path) -> list[str]:
    (tmp / "leave.csv").write_text(
        "person,from,to,reason\n"
        "zed,2027-04-05,2027-04-09,Annual leave\n"
        "ann,2027-02-30,2027-03-02,\n"
        "bob,2027-03-10,2027-03-01,Backwards\n"
        "bob,next week,,\n", encoding="utf-8")
    return ["absences", "leave.csv"]


CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//pmocat tests//EN
BEGIN:VEVENT
UID:leave-1
DTSTAMP:20261201T000000Z
DTSTART;VALUE=DATE:20270301
DTEND;VALUE=DATE:20270306
SUMMARY:Ann Lee - Annual leave
END:VEVENT
BEGIN:VEVENT
UID:physio
DTSTAMP:20261201T000000Z
DTSTART;TZID=Europe/London:20270105T140000
DTEND;TZID=Europe/London:20270105T160000
RRULE:FREQ=WEEKLY;BYDAY=TU
EXDATE;TZID=Europe/London:20270112T140000
SUMMARY:Physio
ATTENDEE;CN=Bob Stone:mailto:bob.stone@example.org
END:VEVENT
BEGIN:VEVENT
UID:night
DTSTAMP:20261201T000000Z
DTSTART:20270210T220000Z
DTEND:20270211T060000Z
SUMMARY:Out overnight
ORGANIZER:mailto:cat@example.org
END:VEVENT
BEGIN:VEVENT
UID:gone
DTSTAMP:20261201T000000Z
DTSTART;VALUE=DATE:20270401
SUMMARY:cat: conference
STATUS:CANCELLED
END:VEVENT
BEGIN:VEVENT
UID:old
DTSTAMP:20261201T000000Z
DTSTART;VALUE=DATE:20250401
SUMMARY:Ann Lee - long ago
END:VEVENT
END:VCALENDAR
"""


def absences_ics(tmp: Path) -> list[str]:
    (tmp / "leave.ics").write_text(CALENDAR.replace("\n", "\r\n"), encoding="utf-8")
    return ["absences", "leave.ics", "--until", "2027-01-31"]


def absences_ics_person(tmp: Path) -> list[str]:
    (tmp / "ann.ics").write_text(CALENDAR.replace("\n", "\r\n"), encoding="utf-8")
    return ["absences", "ann.ics", "--person", "ann", "--since", "2027-02-01", "--until",
            "2027-03-31", "--dry-run"]


def absences_ics_nobody(tmp: Path) -> list[str]:
    text = CALENDAR.replace("SUMMARY:Ann Lee - Annual leave", "SUMMARY:Team offsite")
    (tmp / "leave.ics").write_text(text, encoding="utf-8")
    return ["absences", "leave.ics", "--until", "2027-03-31"]


def absences_not_a_calendar(tmp: Path) -> list[str]:
    (tmp / "leave.ics").write_text("BEGIN:VCALENDAR\nthis is not\n", encoding="utf-8")
    return ["absences", "leave.ics"]


BUILDERS: dict[str, Builder] = {f.__name__.replace("_", "-"): f for f in (
    roster_csv_utf8_bom, roster_csv_cp1252_semicolons, roster_xlsx, roster_bad_cells,
    roster_missing_column, roster_map_file_errors, roster_uncomputed_formula,
    roster_no_visible_sheet_named, absences_xlsx_dates, absences_csv_bad, absences_ics,
    absences_ics_person, absences_ics_nobody, absences_not_a_calendar)}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_golden(name: str, update_golden: bool, tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(CASES / "catalogue", tmp_path / "catalogue")
    before = (tmp_path / "catalogue" / "roster.yaml").read_text(encoding="utf-8")
    args = BUILDERS[name](tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(app, ["import", *args, "--today", TODAY], catch_exceptions=False)
    after = (tmp_path / "catalogue" / "roster.yaml").read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True),
                                        "roster.yaml", "roster.yaml", n=1))
    diff = diff or "(unchanged)\n"
    got = (f"$ pmocat import {' '.join(args)}\nexit {result.exit_code}\n"
           f"--- stdout\n{result.stdout}--- stderr\n{result.stderr}--- roster.yaml\n{diff}")
    compare(CASES / f"{name}.txt", got, update=update_golden, what=name)
    if result.exit_code == 2:
        assert after == before, "a refused import must write nothing"
    assert not list((tmp_path / "catalogue").glob(".*.tmp")), "a temporary file was left"
