"""Value types shared by the models: ids, dates, money, weekdays, time ranges."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, WithJsonSchema
from pydantic import BaseModel as _BaseModel
from pydantic_core import PydanticCustomError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SHORT_DAYS = {day[:3]: day for day in WEEKDAYS}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_TIME_RANGE = re.compile(r"(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})\Z")


class Model(_BaseModel):
    """Every file's model: unknown keys are errors, and nothing is coerced from text."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, strict=True)


def _iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise PydanticCustomError("iso_date", "expected a date written YYYY-MM-DD, like 2027-03-12")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "iso_date", "{value} is not a real date", {"value": value}
        ) from None


def _amount(value: Any) -> Any:
    """A number, never text: YAML 1.2 reads `"4500"` and `4_500` as text, and so does pmocat."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise PydanticCustomError("decimal_type", "expected an amount like 4500 or 12.50")
    return value


def _not_null(kind: str) -> BeforeValidator:
    """An optional list or mapping that, when written, must hold something: `holidays:`
    with nothing under it is a slip, not "no holidays" (leave the key out for that)."""

    def check(value: Any) -> Any:
        if value is None:
            raise PydanticCustomError(kind, "got nothing")
        return value

    return BeforeValidator(check)


#: put on an optional list (NOT_NULL_LIST) or mapping (NOT_NULL_MAPPING) field
NOT_NULL_LIST = _not_null("list_type")
NOT_NULL_MAPPING = _not_null("dict_type")


def _weekday(value: Any) -> Any:
    if isinstance(value, str):
        return _SHORT_DAYS.get(value, value)
    return value


def _minutes(hhmm: tuple[str, ...]) -> int:
    return int(hhmm[0]) * 60 + int(hhmm[1])


def parse_time_range(text: str) -> tuple[int, int]:
    """'09:00-17:30' as minutes after midnight: (540, 1050)."""
    match = _TIME_RANGE.match(text.strip())
    if match is None:
        raise ValueError(text)
    if any(int(m) >= 60 for m in match.group(2, 4)) or any(int(h) > 24 for h in match.group(1, 3)):
        raise ValueError(text)
    return _minutes(match.group(1, 2)), _minutes(match.group(3, 4))


def _time_range(value: str) -> str:
    try:
        start, end = parse_time_range(value)
    except ValueError:
        raise PydanticCustomError(
            "time_range", "expected opening hours like \"09:00-17:30\", got {value}",
            {"value": repr(value)},
        ) from None
    if not start < end <= 24 * 60:
        raise PydanticCustomError(
            "time_range", "{value} does not run forward within one day", {"value": repr(value)}
        )
    return value


Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=80)]
RequestId = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9-]*$", max_length=80)]
Text = Annotated[str, Field(min_length=1)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
#: an amount of money has at most this many digits, this many of them after the point
MONEY_DIGITS, MONEY_PLACES = 15, 2
#: an amount of money: written as a number, held as a Decimal (never binary floating point)
Money = Annotated[
    Decimal,
    BeforeValidator(_amount),
    Field(ge=0, allow_inf_nan=False, max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES,
          strict=False),
    WithJsonSchema({"type": "number", "minimum": 0}),
]
Hours = Annotated[float, Field(gt=0, le=10_000, allow_inf_nan=False)]
Level = Annotated[int, Field(ge=1, le=5)]
Weekday = Annotated[
    Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    BeforeValidator(_weekday),
]
TimeRange = Annotated[str, AfterValidator(_time_range)]
