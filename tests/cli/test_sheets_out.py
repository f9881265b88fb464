"""`menu` and `plan` as spreadsheets: typed cells that re-read with openpyxl, CSV for
scripts, no formula from user text, and never a binary on a terminal."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pmocat.render.sheets import Table, csv_safe, render_csv, render_xlsx
from tests.cli.conftest import Result
from tests.conftest import CATALOGUE, TODAY


def test_the_menu_workbook_has_typed_prices_and_days(run: Callable[..., Result],
                                                     tmp_path: Path) -> None:
    target = tmp_path / "prices.xlsx"
    result = run("menu", str(CATALOGUE), "--today", TODAY, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    sheet = load_workbook(target).active
    assert sheet is not None
    rows = list(sheet.iter_rows())
    headings = [c.value for c in rows[0]]
    assert headings[:5] == ["Category", "Id", "Service", "Status", "Price (GBP)"]
    by_id = {r[1].value: r for r in rows[1:]}
    health = by_id["project-health-check"]
    assert health[0].value == "Assurance"
    assert health[4].value == 4500 and health[4].data_type == "n"
    assert health[4].number_format == '"£"#,##0.00'
    assert health[5].value == "review"
    lead, duration = health[7], health[8]
    assert (lead.value, duration.value) == (5, 10)
    assert lead.data_type == duration.data_type == "n"


def test_the_menu_as_csv_is_one_row_a_service(run: Callable[..., Result]) -> None:
    result = run("menu", str(CATALOGUE), "--today", TODAY, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    health = next(r for r in rows if r["Id"] == "project-health-check")
    assert health["Price (GBP)"] == "4500.00" and health["Lead time (working days)"] == "5"
    assert len({r["Id"] for r in rows}) == len(rows) > 5


def test_the_plan_workbook_has_its_three_sheets(run: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "plan.xlsx"
    result = run("plan", str(CATALOGUE), "--today", TODAY, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    book = load_workbook(target)
    assert book.sheetnames == ["Taken", "Declined", "Utilisation"]
    declined = {r[0].value: r for r in book["Declined"].iter_rows(min_row=2)}
    req6 = declined["REQ-006"]
    assert isinstance(req6[4].value, datetime) and req6[4].value.date().isoformat() == "2027-02-26"
    assert req6[7].data_type == "n" and req6[7].value > 0  # short hours
    assert "short" in req6[8].value
    taken = [r[0].value for r in book["Taken"].iter_rows(min_row=2)]
    assert "REQ-005" in taken and "REQ-006" not in taken
    heat = book["Utilisation"]
    assert [c.value for c in heat[1]][:3] == ["Person", "Name", "2026-W49"]
    numbers = [c for row in heat.iter_rows(min_row=2, min_col=3) for c in row if c.value is not None]
    assert numbers and all(c.data_type == "n" and c.number_format == "0%" for c in numbers)
    assert any(c.value > 0 for c in numbers)
    rules = list(heat.conditional_formatting)
    assert len(rules) == 1 and rules[0].rules[0].type == "colorScale"


@pytest.mark.parametrize(("sheet", "first"), [(None, "Request"), ("utilisation", "Person")])
def test_the_plan_as_csv_is_one_table(run: Callable[..., Result], sheet: str | None,
                                      first: str) -> None:
    args = ["plan", str(CATALOGUE), "--today", TODAY, "--format", "csv"]
    result = run(*args, *(["--sheet", sheet] if sheet else []))
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][0] == first and len(rows) > 2
    if sheet is None:
        decided = {r[0]: r[1] for r in rows[1:]}
        assert decided["REQ-005"] == "take" and decided["REQ-006"] == "decline"


def test_sheet_is_only_for_csv(run: Callable[..., Result]) -> None:
    result = run("plan", str(CATALOGUE), "--today", TODAY, "--format", "json",
                 "--sheet", "utilisation")
    assert result.exit_code == 2 and "--sheet" in result.stderr


@pytest.mark.parametrize("command", ["menu", "plan"])
def test_a_workbook_never_goes_to_a_terminal(run: Callable[..., Result], command: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pmocat.cli.output.to_terminal", lambda stream=None: True)
    result = run(command, str(CATALOGUE), "--today", TODAY, "--format", "xlsx")
    assert result.exit_code == 2
    assert "not for the terminal" in result.stderr and "-o " in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx"])
def test_user_text_never_becomes_a_formula(text: str, tmp_path: Path) -> None:
    table = Table("T", ("Name", "Number"), [(text, -5)], (None, None), (10, 10))
    out = tmp_path / "t.xlsx"
    out.write_bytes(render_xlsx([table]))
    cell, number = load_workbook(out)["T"]["A2"], load_workbook(out)["T"]["B2"]
    assert cell.data_type == "s" and cell.value == text
    assert number.value == -5 and number.data_type == "n"
    row = list(csv.reader(io.StringIO(render_csv(table))))[1]
    assert row == ["'" + text, "-5"]


def test_plain_text_is_left_as_written() -> None:
    assert csv_safe("Asha Patel") == "Asha Patel" and csv_safe(3) == 3


def test_a_catalogue_name_starting_with_equals_stays_text(run: Callable[..., Result],
                                                          catalogue_copy: Path,
                                                          tmp_path: Path) -> None:
    service = catalogue_copy / "services" / "project-health-check.yaml"
    service.write_text(service.read_text().replace("name: Project health check",
                                                   "name: \"=1+1\""), encoding="utf-8")
    target = tmp_path / "m.xlsx"
    assert run("menu", str(catalogue_copy), "--today", TODAY, "-o", str(target)).exit_code == 0
    sheet = load_workbook(target).active
    assert sheet is not None
    cell = next(r[2] for r in sheet.iter_rows(min_row=2) if r[1].value == "project-health-check")
    assert (cell.value, cell.data_type) == ("=1+1", "s")
    result = run("menu", str(catalogue_copy), "--today", TODAY, "--format", "csv")
    assert "'=1+1" in result.stdout
