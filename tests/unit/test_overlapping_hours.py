"""Opening hours never count an hour twice, and overlapping ranges are an error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pmocat.checks import run_checks
from pmocat.sources.catalogue import load_catalogue


def _hours(root: Path, monday: str, tuesday: str = '"09:00-17:00"') -> list[tuple[int, int, str]]:
    pmo = root / "pmo.yaml"
    text = pmo.read_text()
    pmo.write_text(text.replace('mon: "09:00-17:00"', f"mon: {monday}")
                   .replace('tue: "09:00-17:00"', f"tuesday: {tuesday}"))
    cat, loaded = load_catalogue(str(root))
    found = run_checks(cat, loaded, day=date(2026, 12, 1))
    return [(d.span.line, d.span.column, d.message) for d in loaded + found
            if d.code == "overlapping-hours"]


def test_a_range_repeated_and_one_overlapping_are_each_reported_at_the_range(minimal_copy: Path) -> None:
    found = _hours(minimal_copy, '["09:00-17:00", "09:00-17:00", "10:00-18:00"]')
    assert [(line, column) for line, column, _ in found] == [(5, 24), (5, 39)]
    assert "09:00-17:00 repeats 09:00-17:00 on Monday" in found[0][2]
    assert "10:00-18:00 overlaps 09:00-17:00 on Monday" in found[1][2]


def test_ranges_out_of_order_under_a_full_weekday_name(minimal_copy: Path) -> None:
    found = _hours(minimal_copy, '"09:00-17:00"', '["13:00-17:00", "09:00-13:30"]')
    assert [(line, column) for line, column, _ in found] == [(6, 28)]
    assert "on Tuesday" in found[0][2]


def test_ranges_that_only_touch_or_are_apart_are_fine(minimal_copy: Path) -> None:
    assert _hours(minimal_copy, '["09:00-12:00", "12:00-17:00"]', '["09:00-12:00", "13:00-17:00"]') == []


@pytest.mark.parametrize(("ranges", "minutes"), [
    (["09:00-17:00", "09:00-17:00", "10:00-18:00"], 9 * 60),
    (["13:00-17:00", "09:00-13:30"], 8 * 60),
    (["09:00-12:00", "13:00-17:00"], 7 * 60),
    (["09:00-17:00", "10:00-11:00"], 8 * 60),
    ([], 0),
])
def test_the_minutes_open_are_the_union_of_the_ranges(
    minimal_copy: Path, ranges: list[str], minutes: int
) -> None:
    cat, _ = load_catalogue(str(minimal_copy))
    assert cat.pmo is not None
    pmo = cat.pmo.model_copy(update={"opening_hours": {"monday": ranges}})
    assert pmo.open_minutes(0) == minutes


def test_a_day_written_under_both_its_names_is_reported_at_the_second(minimal_copy: Path) -> None:
    pmo = minimal_copy / "pmo.yaml"
    pmo.write_text(pmo.read_text() + '  monday: "13:00-17:00"\n')
    cat, loaded = load_catalogue(str(minimal_copy))
    found = [d for d in loaded + run_checks(cat, loaded, day=date(2026, 12, 1))
             if d.code == "overlapping-hours"]
    assert [(d.span.line, d.span.column) for d in found] == [(10, 3)]
    assert found[0].message == ("Monday is written twice, as 'mon' and 'monday': only one of "
                                "them would count")
