"""Which column of a sheet fills which field, and each cell read as that field's type.

A mapping is `field=COLUMN`, `field=COLUMN*NUMBER` or `field=COLUMN/NUMBER` (`--map
id=Employee ID,hours_per_week=FTE*37.5`, or the same as `field: COLUMN` lines in a YAML
mapping file). That is the whole language: a column's header, optionally scaled by a
number. It is parsed here, never evaluated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NoReturn

from pmocat.errors import PmocatError
from pmocat.models.types import WEEKDAYS
from pmocat.sources.sheets import Located, Sheet, column_letter
from pmocat.words import did_you_mean, words_list

#: field -> the kind of value it takes, for `import roster`; `skills.<id>` takes a level
ROSTER_FIELDS = {"id": "id", "name": "text", "role": "text", "hours_per_week": "number",
                 "cost_per_hour": "money", "working_days": "weekdays"}
SKILL_PREFIX = "skills."
#: the same, for `import absences`
ABSENCE_FIELDS = {"person": "person", "from": "date", "to": "date", "reason": "text"}
SCALABLE = {"number", "money", "level"}
_SCALED = re.compile(r"(?P<column>.*?)\s*(?P<op>[*/])\s*(?P<number>\d+(?:\.\d+)?)\Z")
_SLUG = re.compile(r"[a-z][a-z0-9-]*\Z")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+)?\Z")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})\Z")
#: no amount or number of hours comes near this; past it, rounding to cents would fail
_LARGEST = Decimal(10) ** 15
#: the last day number a spreadsheet can hold (31 Dec 9999)
_LAST_DAY_NUMBER = 2958465


class CellError(ValueError):
    """A cell that cannot be read as its field's type: the message, and maybe a hint."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class Entry:
    """One `field=COLUMN…` as written, and where."""

    field: str
    expression: str
    where: str


@dataclass(frozen=True)
class Column:
    """A mapped field: the sheet's column that fills it, and the factor its numbers take."""

    field: str
    kind: str
    index: int
    header: str
    factor: Decimal

    @property
    def letter(self) -> str:
        return column_letter(self.index)


def parse_map_option(texts: list[str]) -> list[Entry]:
    """`--map` values: comma-separated `field=COLUMN…` pairs, the option repeatable."""
    entries = []
    for text in texts:
        for part in text.split(","):
            if not part.strip():
                continue
            name, equals, expression = part.partition("=")
            if not equals or not name.strip() or not expression.strip():
                raise PmocatError(f"--map takes field=COLUMN pairs, like id=Employee ID; got "
                                  f"{part.strip()!r}")
            entries.append(Entry(name.strip(), expression.strip(), "--map"))
    return entries


def read_map_file(path: Path, display: str) -> list[Entry]:
    """A YAML file of `field: COLUMN…` lines, read with pmocat's own safe loader."""
    from pmocat.sources.yamlfile import load_yaml

    if not path.is_file():
        raise PmocatError(f"the mapping file '{display}' " + (
            "is not a file" if path.exists() else "does not exist"))
    doc = load_yaml(path, display)
    if doc.diagnostics:
        first = doc.diagnostics[0]
        raise PmocatError(f"{first.span}: {first.message} (in the mapping file)")
    if not isinstance(doc.data, dict) or not doc.data:
        raise PmocatError(f"{display}: a mapping file holds 'field: COLUMN' lines, like "
                          "'id: Employee ID'")
    entries = []
    for name, expression in doc.data.items():
        where = str(doc.span((str(name),), key=True))
        if not isinstance(expression, (str, int, float)) or isinstance(expression, bool):
            raise PmocatError(f"{doc.span((str(name),))}: '{name}' takes a column's header, "
                              "optionally times or divided by a number")
        entries.append(Entry(str(name), str(expression).strip(), where))
    return entries


def resolve(entries: list[Entry], sheet: Sheet, fields: dict[str, str], *,
            skills: set[str] | None = None) -> tuple[dict[str, Column], list[Located]]:
    """Each field's column in `sheet`. With no entries, every header that is a field's
    name maps to it. A field or column that is not there is a located problem."""
    problems: list[Located] = []
    if not entries:
        entries = [Entry(h.strip().casefold(), h, sheet.path) for h in sheet.headers
                   if h.strip().casefold() in fields
                   or (skills is not None and h.strip().casefold().startswith(SKILL_PREFIX))]
    columns: dict[str, Column] = {}
    known = [*fields, *([f"{SKILL_PREFIX}ID"] if skills is not None else [])]
    for entry in entries:
        kind = fields.get(entry.field)
        if kind is None and skills is not None and entry.field.startswith(SKILL_PREFIX):
            skill = entry.field[len(SKILL_PREFIX):]
            if skill not in skills:
                hint = did_you_mean(skill, sorted(skills))
                problems.append(Located(entry.where, f"there is no skill '{skill}' in skills.yaml",
                                        hint or "a skills.ID field names a skill in skills.yaml"))
                continue
            kind = "level"
        if kind is None:
            hint = did_you_mean(entry.field, fields) or "the fields are " + words_list(
                [f"'{f}'" for f in known])
            problems.append(Located(entry.where, f"there is no field '{entry.field}' to import",
                                    hint))
            continue
        if entry.field in columns:
            problems.append(Located(entry.where, f"'{entry.field}' is mapped twice"))
            continue
        try:
            index, factor = _column(entry.expression, sheet)
        except CellError as exc:
            problems.append(Located(entry.where, f"{entry.field}: {exc.message}", exc.hint))
            continue
        if factor != 1 and kind not in SCALABLE:
            problems.append(Located(entry.where, f"'{entry.field}' is not a number; only numbers "
                                    "can be multiplied or divided"))
            continue
        columns[entry.field] = Column(entry.field, kind, index, sheet.headers[index], factor)
    return columns, problems


def _column(expression: str, sheet: Sheet) -> tuple[int, Decimal]:
    """The column a header names (exactly, else ignoring case and spaces), and its factor."""
    found = _header(expression, sheet)
    if found is not None:
        return found, Decimal(1)
    scaled = _SCALED.match(expression)
    if scaled is not None:
        found = _header(scaled["column"], sheet)
        if found is None:
            _missing(scaled["column"], sheet)
        number = Decimal(scaled["number"])
        if scaled["op"] == "/":
            if number == 0:
                raise CellError("cannot divide by 0")
            return found, 1 / number
        return found, number
    _missing(expression, sheet)


def _header(name: str, sheet: Sheet) -> int | None:
    if name in sheet.headers:
        return sheet.headers.index(name)
    folded = " ".join(name.split()).casefold()
    matches = [i for i, h in enumerate(sheet.headers) if " ".join(h.split()).casefold() == folded]
    return matches[0] if len(matches) == 1 else None


def headers_words(sheet: Sheet) -> str:
    """"its columns are 'Employee ID', 'Full name' and 'FTE'", for a hint."""
    headers = [f"'{h}'" for h in sheet.headers if h]
    return "its columns are " + words_list(headers, most=12) if headers else "it has no headers"


def _missing(name: str, sheet: Sheet) -> NoReturn:
    hint = did_you_mean(name, [h for h in sheet.headers if h]) or headers_words(sheet)
    where = f"sheet '{sheet.name}' of {sheet.path}" if sheet.name else sheet.path
    raise CellError(f"there is no column '{name}' in {where}", hint)


def convert(column: Column, value: Any, sheet: Sheet) -> Any:
    """A cell read as its field's type (None for an empty cell); a CellError if it is not one."""
    if value is None:
        return None
    kind = column.kind
    if kind in ("text", "person"):
        return _text(value)
    if kind == "id":
        text = _text(value)
        if not _SLUG.match(text):
            raise CellError(f"'{text}' is not a valid id", "ids use lowercase letters, digits "
                            "and '-', and start with a letter, like asha or ben-walsh")
        return text
    if kind == "date":
        return _date(value, sheet)
    if kind == "weekdays":
        return _weekdays(value)
    number = _number(value, sheet) * column.factor
    if kind == "level":
        if not 1 <= number <= 5 or number != number.to_integral_value():
            raise CellError(f"{_shown(value)} is not a level from 1 to 5")
        return int(number)
    if kind == "money":
        if number < 0:
            raise CellError(f"{_shown(value)} is below 0")
        return number.quantize(Decimal("0.01"))
    return float(round(number, 2))


def _shown(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def _text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _number(value: Any, sheet: Sheet) -> Decimal:
    if isinstance(value, (bool, date, datetime)):
        raise CellError(f"{_text(value)} is not a number")
    if isinstance(value, int) and abs(value) >= _LARGEST:
        raise CellError(f"{_shown(value)} is too large")
    if isinstance(value, (int, float)):
        return _bounded(Decimal(str(value)), value)
    text = str(value).strip().lstrip("£€$").replace(" ", "").replace("\u00a0", "")
    percent = text.endswith("%")
    text = text.removesuffix("%")
    # a ';'-separated file comes from an Excel that writes 37,5 and 1.234,5
    separators = (".", ",") if sheet.decimal_comma else (",", ".")
    text = text.replace(separators[0], "").replace(separators[1], ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(f"{value!r} is not a number") from None
    number = _bounded(number, value)
    return number / 100 if percent else number


def _bounded(number: Decimal, value: Any) -> Decimal:
    """A finite number no larger than any amount or hours a roster holds; a vanishingly
    small one is 0 (so arithmetic on it never overflows or underflows)."""
    if not number.is_finite():
        raise CellError(f"{_shown(value)} is not a number")
    if number and number.adjusted() >= 15:
        raise CellError(f"{_shown(value)} is too large")
    if number and number.adjusted() < -12:
        return Decimal(0)
    return number


def _date(value: Any, sheet: Sheet) -> date:
    """A date cell, a day number (a date cell formatted as a number), or a date written
    YYYY-MM-DD, or day first (DD/MM/YYYY, DD.MM.YYYY)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 1 <= value <= _LAST_DAY_NUMBER:
            raise CellError(f"{value} is not a date", "write dates YYYY-MM-DD, like 2027-04-05")
        from openpyxl.utils.datetime import from_excel

        found = from_excel(value, sheet.epoch)
        return found.date() if isinstance(found, datetime) else sheet.epoch.date() + timedelta(days=value)
    text = str(value).strip()
    parts: tuple[str, str, str] | None = None
    if (iso := _ISO.match(text)) is not None:
        parts = (iso[1], iso[2], iso[3])
    elif (day_first := _DAY_FIRST.match(text)) is not None:
        parts = (day_first[3], day_first[2], day_first[1])
    if parts is None:
        raise CellError(f"{text!r} is not a date", "write dates YYYY-MM-DD, like 2027-04-05, "
                        "or day first, like 05/04/2027")
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        hint = "dates written with slashes are read day first, like 05/04/2027" if iso is None else None
        raise CellError(f"{text!r} is not a real date", hint) from None


def _weekday(word: str) -> str | None:
    """'mon', 'tues', 'monday' -> 'monday'; None for anything else."""
    return next((day for day in WEEKDAYS if len(word) >= 3 and day.startswith(word)), None)


def _weekdays(value: Any) -> list[str]:
    """'Mon-Thu', 'monday, tuesday', 'Mon Tue Wed' as weekday names, Monday first."""
    text = _text(value).casefold()
    days: list[str] = []
    for part in re.split(r"[,;/\s]+", text):
        if not part:
            continue
        names = [_weekday(end.strip()) for end in re.split(r"[-–]", part)]
        if None in names or len(names) > 2:
            raise CellError(f"{_text(value)!r} is not a list of weekdays",
                            "write them like 'Mon-Thu' or 'monday, tuesday'")
        first, last = WEEKDAYS.index(names[0] or ""), WEEKDAYS.index(names[-1] or "")
        if last < first:
            raise CellError(f"{part!r} runs backwards")
        days += [d for d in WEEKDAYS[first:last + 1] if d not in days]
    if not days:
        raise CellError(f"{_text(value)!r} names no weekday")
    return sorted(days, key=WEEKDAYS.index)


@dataclass(frozen=True)
class RowValues:
    """One row read through the mapping: each mapped field's value (empty cells left out)
    and the cell it came from."""

    row: int
    values: dict[str, Any]
    cells: dict[str, str]
    #: the fields whose cells could not be read (and are reported already)
    failed: frozenset[str] = frozenset()


def read_rows(sheet: Sheet, columns: dict[str, Column]) -> tuple[list[RowValues], list[Located]]:
    """Every row's mapped cells, each read as its field's type; a cell that is not one is
    a problem at `FILE:row:column`, and every such cell is reported, not just the first."""
    rows, problems = [], []
    for row in sheet.rows:
        values: dict[str, Any] = {}
        cells: dict[str, str] = {}
        failed = set()
        for name, column in columns.items():
            where = sheet.where(row.number, column.index)
            cells[name] = where
            formula = sheet.uncomputed.get((row.number, column.index))
            if formula is not None:
                problems.append(Located(where, f"{column.header}: the formula {formula[:40]} has "
                                        "no saved value", "open the file in a spreadsheet and "
                                        "save it, so its formulas are computed"))
                failed.add(name)
                continue
            try:
                value = convert(column, row.get(column.index), sheet)
            except CellError as exc:
                problems.append(Located(where, f"{column.header}: {exc.message}", exc.hint))
                failed.add(name)
                continue
            if value is not None:
                values[name] = value
        if values or failed:
            rows.append(RowValues(row.number, values, cells, frozenset(failed)))
    return rows, problems
