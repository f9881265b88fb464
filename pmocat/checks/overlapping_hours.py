"""overlapping-hours: opening-hours ranges on one day that overlap or repeat.

A day's ranges are the hours the PMO is open, so an hour in two ranges is still one hour.
Ranges that overlap are almost always a slip (a range pasted twice, or a lunch break
written the wrong way round); pmocat never counts an hour twice, but it cannot know which
range was meant, so the catalogue must say. The position is the later of the two ranges.
A day written under both its names (`mon:` and `monday:`) is reported at the second:
only one of them would count.

Failing:
```yaml
# pmo.yaml
opening_hours:
  monday: ["09:00-17:00", "10:00-18:00"]
```
Passing:
```yaml
# pmo.yaml
opening_hours:
  monday: ["09:00-12:30", "13:30-17:00"]
```
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, error
from pmocat.models.types import WEEKDAYS, parse_time_range

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "overlapping-hours"
SEVERITY = Severity.ERROR


def run(cat: Catalogue, day: date) -> Iterator[Diagnostic]:
    if cat.pmo is None:
        return
    written = cat.origins[("pmo", "pmo")].doc.data.get("opening_hours") or {}
    for weekday in WEEKDAYS:
        if weekday in written and weekday[:3] in written:  # the model keeps only one of them
            yield error(CODE, f"{weekday.capitalize()} is written twice, as '{weekday[:3]}' and "
                        f"'{weekday}': only one of them would count", cat.where(
                            "pmo", "pmo", "opening_hours", _later(written, weekday), key=True),
                        "write the day's hours once, under one name")
            continue
        ranges = cat.pmo.opening_hours.get(weekday, [])  # type: ignore[call-overload]
        key = weekday if weekday in written else weekday[:3]
        as_list = isinstance(written.get(key), list)
        seen: list[tuple[int, int, str]] = []
        for index, text in enumerate(ranges):
            start, end = parse_time_range(text)
            clash = next((other for a, b, other in seen if start < b and a < end), None)
            seen.append((start, end, text))
            if clash is None:
                continue
            what = "repeats" if parse_time_range(clash) == (start, end) else "overlaps"
            loc = ("opening_hours", key, index) if as_list else ("opening_hours", key)
            yield error(CODE, f"{text} {what} {clash} on {weekday.capitalize()}: an hour the PMO "
                        "is open counts once", cat.where("pmo", "pmo", *loc),
                        "merge them into one range, or remove the one that is wrong")


def _later(written: dict[object, object], weekday: str) -> str:
    """Of a day's two spellings, the one written second."""
    keys = list(written)
    return max(weekday, weekday[:3], key=keys.index)
