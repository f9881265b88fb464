"""Reading a spreadsheet someone else made (an HR or leave system's export): CSV or XLSX in,
a header row and rows of cells out, each cell knowing its row number and column letter.

CSV: the encoding is UTF-8 (with or without a byte-order mark), UTF-16 with a mark (Excel's
"Unicode text"), or else Windows-1252 (Excel's "CSV" on Western Windows); the separator is
sniffed among `,`, `;` and tab (csv.Sniffer), or taken from Excel's `sep=;` first line.
A `;`-separated file writes decimals with a comma (`37,5`), as the Excel that made it does.

XLSX (openpyxl, formulas read as their last computed values): the first visible worksheet,
or the one `--sheet` names; a merged range reads as its top-left value in every cell, as a
person sees it, and is noted. The workbook is loaded whole rather than read-only: only then
does openpyxl tell merged ranges; a sheet with formulas is streamed again read-only and
data_only for their saved values (docs/performance.md has the cost).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pmocat.errors import PmocatError
from pmocat.words import words_list

#: the most bytes read from a CSV, and the most an XLSX may unpack to
MAX_CSV_BYTES = 20 * 1024 * 1024
MAX_XLSX_UNPACKED = 200 * 1024 * 1024
#: the most cells a worksheet's used range may span (rows x columns, blanks included):
#: a tiny file with one cell far away spans billions, and reading them would never end
MAX_CELLS = 5_000_000
SEPARATORS = ",;\t"
#: the day a spreadsheet's day number 0 stands for (Excel's 1900 system; openpyxl's
#: from_excel corrects the 1900 leap-year slip before day 60)
EXCEL_EPOCH = datetime(1899, 12, 30)
SHEET_SUFFIXES = (".csv", ".xlsx", ".xlsm")
#: a merged range in a worksheet's XML (`<mergeCell ref="A1:C3"/>`, any namespace prefix)
_MERGE = re.compile(rb"""<(?:\w+:)?mergeCell\s+ref=["']([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)["']""")


@dataclass(frozen=True)
class Located:
    """A problem at a place in an input that is not YAML: `FILE:row:column` in a sheet
    (the column as its letter), `FILE:line:column` in a mapping file, or an event in a
    calendar."""

    where: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" + (f" ({self.hint})" if self.hint else "")

    def sort_key(self) -> tuple[str, int, int, str]:
        """In file order: by row, then column (B before AA), then anything else."""
        path, _, rest = self.where.partition(":")
        row, _, column = rest.partition(":")
        return (path, int(row) if row.isdigit() else 0, len(column), column)


@dataclass(frozen=True)
class Row:
    number: int
    values: tuple[Any, ...]

    def get(self, index: int) -> Any:
        return self.values[index] if index < len(self.values) else None


@dataclass
class Sheet:
    """A table read from a file: its headers (by column), its rows, and what was noted."""

    path: str
    headers: list[str]
    rows: list[Row]
    #: the worksheet read, for an XLSX file
    name: str | None = None
    #: decimals written with a comma ('37,5'), as in a ';'-separated CSV
    decimal_comma: bool = False
    #: what was read differently from how it looks (merged cells, hidden sheets passed over)
    notes: list[Located] = field(default_factory=list)
    #: the day a cell's day number 0 stands for (XLSX files in the 1904 system differ)
    epoch: datetime = EXCEL_EPOCH
    #: (row, column index) -> the formula of a cell whose value was never saved (a file
    #: written by a program that does not calculate): read as empty, but not silently
    uncomputed: dict[tuple[int, int], str] = field(default_factory=dict)

    def where(self, row: int, column: int) -> str:
        return f"{self.path}:{row}:{column_letter(column)}"


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA': the column as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_sheet(path: Path, display: str, sheet: str | None = None) -> Sheet:
    """The table in a CSV or XLSX file. A file that cannot be read as one is a PmocatError."""
    suffix = path.suffix.lower()
    if suffix not in SHEET_SUFFIXES:
        raise PmocatError(f"'{display}' is not a spreadsheet pmocat reads: give a .csv or .xlsx "
                          "file (save other formats as one of these first)")
    if not path.is_file():
        raise PmocatError(f"'{display}' does not exist" if not path.exists()
                          else f"'{display}' is not a file")
    if suffix == ".csv":
        if sheet is not None:
            raise PmocatError("--sheet chooses a worksheet of an XLSX file; a CSV file has one table")
        return _read_csv(path, display)
    return _read_xlsx(path, display, sheet)


def read_bytes(path: Path, display: str, limit: int) -> bytes:
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise PmocatError(f"cannot read '{display}': {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise PmocatError(f"'{display}' is larger than {limit // (1024 * 1024)} MB; "
                          "export only the columns and rows to import")
    return raw


def decode(raw: bytes) -> str:
    """The text of a CSV file: UTF-8 (a byte-order mark dropped), UTF-16 with a mark, else
    Windows-1252. Line ends are left to the csv module."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ValueError(f"byte {exc.start + 1} is neither UTF-8 nor Windows-1252 text") from None


def _read_csv(path: Path, display: str) -> Sheet:
    raw = read_bytes(path, display, MAX_CSV_BYTES)
    try:
        text = decode(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise PmocatError(f"'{display}' is not text pmocat can read ({exc}); save it as "
                          "CSV UTF-8") from None
    if "\x00" in text:
        raise PmocatError(f"'{display}' is not a CSV file (it holds binary data)")
    skipped = 0
    first, _, rest = text.partition("\n")
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        separator, text, skipped = first.strip()[4], rest, 1  # Excel's own separator line
    else:
        separator = _sniff(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    except csv.Error as exc:  # a field past the csv module's size limit, for one
        raise PmocatError(f"cannot read '{display}' as CSV: {exc}") from None
    rows = [Row(n + skipped, tuple(_cell(v) for v in values))
            for n, values in enumerate(records, start=1)]
    return _table(rows, display, decimal_comma=separator == ";")


def _sniff(text: str) -> str:
    """The separator: csv.Sniffer's choice among `,`, `;` and tab, on the first lines."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=SEPARATORS).delimiter
    except csv.Error:
        header = sample.split("\n", 1)[0]
        return max(SEPARATORS, key=header.count) if any(s in header for s in SEPARATORS) else ","


def _cell(value: str) -> str | None:
    value = value.strip()
    return value or None


def _read_xlsx(path: Path, display: str, wanted: str | None) -> Sheet:
    from openpyxl import load_workbook

    _refuse_bomb(path, display)
    try:
        book = load_workbook(path)
    except OSError as exc:
        raise PmocatError(f"cannot read '{display}': {exc.strerror or exc}") from None
    except Exception:  # openpyxl raises many kinds on a broken workbook; each means the same
        raise PmocatError(f"cannot read '{display}': it is not an XLSX workbook pmocat can "
                          "read (save it again from a spreadsheet program)") from None
    sheets = book.worksheets
    notes: list[Located] = []
    if wanted is not None:
        chosen = next((s for s in sheets if s.title == wanted), None)
        if chosen is None:
            chosen = next((s for s in sheets if s.title.casefold() == wanted.casefold()), None)
        if chosen is None:
            names = words_list([f"'{s.title}'" for s in sheets]) if sheets else "none"
            raise PmocatError(f"'{display}' has no sheet '{wanted}'; its sheets are {names}")
    else:
        visible = [s for s in sheets if s.sheet_state == "visible"]
        if not visible:
            raise PmocatError(f"every sheet of '{display}' is hidden; name one with --sheet")
        chosen = visible[0]
        hidden = [s.title for s in sheets[: sheets.index(chosen)]]
        if hidden:
            notes.append(Located(display, f"passed over hidden sheet{'s' if len(hidden) > 1 else ''} "
                                 f"{words_list([repr(h) for h in hidden])}; read '{chosen.title}'",
                                 "name another with --sheet"))
    if chosen.max_row * chosen.max_column > MAX_CELLS:
        raise PmocatError(
            f"sheet '{chosen.title}' of '{display}' spans {chosen.dimensions} "
            f"({chosen.max_row:,} rows by {chosen.max_column:,} columns), more than pmocat "
            f"reads ({MAX_CELLS:,} cells); clear the cells beyond the table, or export only "
            "the columns and rows to import")
    grid, uncomputed = _values(path, chosen)
    for merged in sorted(chosen.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        top = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else None
        for r in range(merged.min_row, min(merged.max_row, len(grid)) + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                while len(grid[r - 1]) < c:
                    grid[r - 1].append(None)
                grid[r - 1][c - 1] = top
        if top is not None:
            shown = top.isoformat() if isinstance(top, (date, datetime)) else str(top)
            notes.append(Located(f"{display}:{merged.min_row}:{column_letter(merged.min_col - 1)}",
                                 f"cells {merged.coord} are merged; each is read as '{shown[:40]}'"))
    rows = [Row(n, tuple(_xlsx_cell(v) for v in values)) for n, values in enumerate(grid, start=1)]
    table = _table(rows, display, name=chosen.title)
    table.notes[:0] = notes
    table.epoch = book.epoch if isinstance(book.epoch, datetime) else EXCEL_EPOCH
    table.uncomputed = uncomputed
    return table


def _values(path: Path, sheet: Any) -> tuple[list[list[Any]], dict[tuple[int, int], str]]:
    """The sheet's values, a list a row, with each formula's value as the spreadsheet
    last saved it; and the formulas that have none (a file written by a program that does
    not calculate). An export without formulas is read once: only a sheet with formulas
    is read again (read-only, data_only: a stream of the saved values)."""
    from openpyxl import load_workbook

    grid: list[list[Any]] = []
    formulas: dict[tuple[int, int], str] = {}
    for r, row in enumerate(sheet.iter_rows(), start=1):
        values: list[Any] = []
        for c, cell in enumerate(row):
            if cell.data_type == "f":
                formulas[(r, c)] = str(getattr(cell.value, "text", None) or cell.value)
                values.append(None)
            else:
                values.append(cell.value)
        grid.append(values)
    if not formulas:
        return grid, {}
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        for r, row in enumerate(book[sheet.title].iter_rows(values_only=True), start=1):
            for c, value in enumerate(row):
                if (r, c) in formulas and value is not None:
                    grid[r - 1][c] = value
                    del formulas[(r, c)]
    finally:
        book.close()
    return grid, {at: f if f.startswith("=") else f"={f}" for at, f in formulas.items()}


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _refuse_bomb(path: Path, display: str) -> None:
    """A workbook is a zip file: one that would unpack to far more than any export is
    refused before openpyxl unpacks it."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_XLSX_UNPACKED:
                raise PmocatError(f"'{display}' unpacks to more than "
                                  f"{MAX_XLSX_UNPACKED // (1024 * 1024)} MB; export only the "
                                  "columns and rows to import")
            _refuse_vast_merges(archive, display)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, ValueError):
        raise PmocatError(f"cannot read '{display}': it is not an XLSX workbook") from None


def _refuse_vast_merges(archive: zipfile.ZipFile, display: str) -> None:
    """openpyxl makes an object for every cell of a merged range as it loads: a range over
    whole rows (D2:XFD1048576) would take it hours. The worksheets' merged ranges are
    added up first, from their XML, and more than MAX_CELLS cells refused."""
    from openpyxl.utils.cell import range_boundaries

    for info in archive.infolist():
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        spanned = 0
        for found in _MERGE.finditer(archive.read(info)):
            first_col, first_row, last_col, last_row = range_boundaries(found[1].decode())
            spanned += ((last_row or first_row or 0) - (first_row or 0) + 1) * (
                (last_col or first_col or 0) - (first_col or 0) + 1)
        if spanned > MAX_CELLS:
            raise PmocatError(f"'{display}' merges {spanned:,} cells, more than pmocat reads "
                              f"({MAX_CELLS:,}); unmerge them, or export only the columns and "
                              "rows to import")


def _table(rows: list[Row], display: str, *, name: str | None = None,
           decimal_comma: bool = False) -> Sheet:
    """The first row with anything in it is the header row; rows after it with nothing
    in them are dropped."""
    filled = [r for r in rows if any(v is not None for v in r.values)]
    if not filled:
        raise PmocatError(f"'{display}' is empty" + (f" (sheet '{name}')" if name else ""))
    header, *body = filled
    headers = ["" if v is None else (v.isoformat() if isinstance(v, (date, datetime)) else str(v))
               for v in header.values]
    return Sheet(display, headers, body, name=name, decimal_comma=decimal_comma)
