"""The menu's price list and the plan as spreadsheets (XLSX bytes) and CSV text, for boards
that read spreadsheets and for scripts.

Numbers are typed cells (prices with the currency's format, days and hours as numbers);
text from the catalogue never becomes a formula: in XLSX every text cell is typed as text,
and in CSV a text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
written with a leading apostrophe, as OWASP advises against CSV injection. openpyxl is
imported inside the functions that write XLSX, so `pmocat --help` never loads it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pmocat.render.reasons import reason_words
from pmocat.words import SYMBOLS

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from pmocat.menu import Menu
    from pmocat.planning.plan import Plan

#: the characters a spreadsheet reads as the start of a formula (or that hide one)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: the plan's CSV tables (`plan --format csv --sheet …`); the first is the default
PLAN_TABLES = ("requests", "utilisation")
_DAYS = "0"
_HOURS = "0.0"
_PERCENT = "0%"
_HEADER_FILL = "DDE4EE"


@dataclass(frozen=True)
class Table:
    """One sheet: a title, column headings, rows of typed values, and each column's
    number format (None for text and whole numbers shown as they are)."""

    title: str
    headings: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    formats: tuple[str | None, ...]
    widths: tuple[int, ...]


def currency_format(currency: str) -> str:
    """An Excel number format for amounts in `currency`: '"£"#,##0.00', '#,##0.00 "CHF"'."""
    symbol = SYMBOLS.get(currency)
    return f'"{symbol}"#,##0.00' if symbol else f'#,##0.00 "{currency}"'


def menu_table(menu: Menu) -> Table:
    """The price list: one row a service, in the menu's order."""
    rows = []
    for category in menu.categories:
        for s in category.services:
            amount = Decimal(s.price_amount) if s.price_amount is not None else Decimal(0)
            rows.append((category.name, s.id, s.name, s.status, amount, s.per, s.price_model,
                         s.lead_time_days, s.duration_days, s.summary))
    return Table(
        "Price list",
        ("Category", "Id", "Service", "Status", f"Price ({menu.currency})", "Per", "Price model",
         "Lead time (working days)", "Duration (working days)", "Summary"),
        rows,
        (None, None, None, None, currency_format(menu.currency), None, None, _DAYS, _DAYS, None),
        (22, 24, 36, 9, 14, 14, 12, 12, 12, 60),
    )


def _requests(plan: Plan, services: dict[str, str], currency: str, *,
              taken: bool | None) -> Table:
    rows = []
    for d in plan.decisions:
        if taken is not None and d.taken is not taken:
            continue
        r = d.request
        row: tuple[Any, ...] = (r.id, services.get(r.service, r.service), r.customer, r.priority,
                                r.due, r.quantity, d.price)
        if taken is None:
            row = (r.id, "take" if d.taken else "decline", *row[1:])
        if not d.taken:
            row += (round(d.short_hours, 2), "; ".join(reason_words(x) for x in d.reasons))
        elif taken is None:
            row += (None, "")
        rows.append(row)
    headings: tuple[str, ...] = ("Request", "Service", "Customer", "Priority", "Due", "Quantity",
                                 f"Price ({currency})")
    formats: tuple[str | None, ...] = (None, None, None, None, "yyyy-mm-dd", None,
                                       currency_format(currency))
    widths: tuple[int, ...] = (12, 36, 28, 9, 12, 9, 12)
    if taken is None:
        headings = ("Request", "Decision", *headings[1:])
        formats = (None, None, *formats[1:])
        widths = (12, 9, *widths[1:])
    if taken is not True:
        headings += ("Short hours", "Why declined")
        formats += (_HOURS, None)
        widths += (12, 80)
    title = "Requests" if taken is None else "Taken" if taken else "Declined"
    return Table(title, headings, rows, formats, widths)


def utilisation_table(plan: Plan, names: dict[str, str]) -> Table:
    """One row a person and week: booked and available hours, and their ratio."""
    rows = [(u.person, names.get(u.person, u.person), u.week, round(u.booked_hours, 2),
             round(u.available_hours, 2),
             round(u.booked_hours / u.available_hours, 4) if u.available_hours > 0 else None)
            for u in sorted(plan.utilisation, key=lambda u: (u.person, u.week))]
    return Table("Utilisation", ("Person", "Name", "Week", "Booked hours", "Available hours",
                                 "Utilisation"),
                 rows, (None, None, None, _HOURS, _HOURS, _PERCENT), (14, 28, 10, 12, 12, 12))


def _heatmap(plan: Plan, names: dict[str, str]) -> Table:
    """Utilisation as a grid: one row a person, one column an ISO week, each cell the share
    of the person's available hours that is booked (blank when none are available)."""
    weeks = sorted({u.week for u in plan.utilisation})
    cells: dict[str, dict[str, float | None]] = {}
    for u in plan.utilisation:
        cells.setdefault(u.person, {})[u.week] = (
            round(u.booked_hours / u.available_hours, 4) if u.available_hours > 0 else None)
    people = sorted(cells, key=lambda p: (names.get(p) or p).casefold())
    rows = [(p, names.get(p, p), *(cells[p].get(w) for w in weeks)) for p in people]
    return Table("Utilisation", ("Person", "Name", *weeks), rows,
                 (None, None, *([_PERCENT] * len(weeks))), (14, 28, *([9] * len(weeks))))


def plan_tables(plan: Plan, *, names: dict[str, str], services: dict[str, str],
                currency: str) -> list[Table]:
    """The plan's workbook: taken, declined with reasons, utilisation per person per week."""
    return [_requests(plan, services, currency, taken=True),
            _requests(plan, services, currency, taken=False), _heatmap(plan, names)]


def plan_csv_table(plan: Plan, sheet: str, *, names: dict[str, str],
                   services: dict[str, str], currency: str) -> Table:
    """The one table `plan --format csv` writes: every new request with its decision
    ('requests'), or one row a person and week ('utilisation')."""
    if sheet == "utilisation":
        return utilisation_table(plan, names)
    return _requests(plan, services, currency, taken=None)


def csv_safe(value: Any) -> Any:
    """Text that no spreadsheet opening the CSV reads as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def render_csv(table: Table) -> str:
    """A table as CSV (comma-separated, CRLF line ends as RFC 4180 and Excel expect),
    dates as YYYY-MM-DD and amounts with their decimals."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.headings)
    for row in table.rows:
        writer.writerow(["" if v is None else _csv_value(v) for v in row])
    return out.getvalue()


def _csv_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return csv_safe(value)


def render_xlsx(tables: Sequence[Table], *, heat: Sequence[str] = ()) -> bytes:
    """The tables as one workbook, a sheet each: a bold, frozen header row, typed cells,
    widths set, and a red-amber-green colour scale on the number columns of the sheets
    named in `heat`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    book.remove(book.active)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=_HEADER_FILL)
    for table in tables:
        sheet = book.create_sheet(table.title)
        sheet.append(list(table.headings))
        for cell in sheet[1]:
            cell.font, cell.fill = bold, fill
            cell.data_type = "s"
        for row in table.rows:
            sheet.append([_xlsx_value(v) for v in row])
        _type_cells(sheet, table)
        sheet.freeze_panes = "C2" if table.title in heat else "A2"
        if table.title in heat:
            _colour_scale(sheet, table)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        # a control character other than tab and newline is not allowed in a cell
        return "".join(c if c >= " " or c in "\t\n" else "\ufffd" for c in value)
    return value


def _type_cells(sheet: Worksheet, table: Table) -> None:
    """Text stays text (openpyxl would take '=…' for a formula); numbers get formats."""
    from openpyxl.utils import get_column_letter

    for index, (fmt, width) in enumerate(zip(table.formats, table.widths, strict=True), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if isinstance(cell.value, str):
                cell.data_type = "s"
            elif cell.value is not None and fmt:
                cell.number_format = fmt


def _colour_scale(sheet: Worksheet, table: Table) -> None:
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.utils import get_column_letter

    first = next((i for i, f in enumerate(table.formats, start=1) if f == _PERCENT), None)
    if first is None or not table.rows:
        return
    area = f"{get_column_letter(first)}2:{get_column_letter(len(table.headings))}{len(table.rows) + 1}"
    sheet.conditional_formatting.add(area, ColorScaleRule(
        start_type="num", start_value=0, start_color="63BE7B",
        mid_type="num", mid_value=0.6, mid_color="FFEB84",
        end_type="num", end_value=1, end_color="F8696B"))
