"""hours(p, d) is the spec's §3 arithmetic, day by day."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from pmocat.planning.availability import (
    _library_holidays,
    build_calendar,
    person_hours,
    public_holidays,
)
from tests.unit.planning_kit import person, pmo

# 2027-01-04 is a Monday
MONDAY = date(2027, 1, 4)
NORTHWIND = {
    "opening_hours": {"monday": "09:00-17:30", "tuesday": "09:00-17:30", "wednesday": "09:00-17:30",
                      "thursday": "09:00-17:30", "friday": ["09:00-12:00", "13:00-16:00"]},
}


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("PMOCAT_CACHE_DIR", str(tmp_path / "cache"))
    _library_holidays.cache_clear()
    yield
    _library_holidays.cache_clear()


def week(hours: np.ndarray, first: date, start: date = MONDAY) -> list[float]:
    i = (first - start).days
    return [round(float(h), 4) for h in hours[i : i + 7]]


def test_opening_hours_per_weekday() -> None:
    cal = build_calendar(pmo(**NORTHWIND), MONDAY, MONDAY + timedelta(days=13))
    assert week(cal.open_hours, MONDAY) == [8.5, 8.5, 8.5, 8.5, 6.0, 0.0, 0.0]
    assert cal.open_days(0, 13) == 10


def test_public_holidays_extra_days_and_closures_close_the_pmo() -> None:
    settings = pmo(**NORTHWIND, holidays={"country": "GB", "subdivision": "ENG",
                                          "extra": [{"date": "2027-04-01", "name": "Away day"}]},
                   closures=[{"from": "2027-04-06", "to": "2027-04-07", "name": "Office move"}])
    start = date(2027, 3, 29)  # Easter Monday 2027, a Monday
    cal = build_calendar(settings, start, start + timedelta(days=13))
    # Easter Monday, then Thursday 1 April (extra); Good Friday was the 26th, before the range
    assert week(cal.open_hours, start, start) == [0.0, 8.5, 8.5, 0.0, 6.0, 0.0, 0.0]
    # the closure takes Tuesday and Wednesday of the next week
    assert week(cal.open_hours, start + timedelta(days=7), start) == [8.5, 0.0, 0.0, 8.5, 6.0, 0.0, 0.0]
    names = public_holidays(settings, start, start + timedelta(days=13))
    assert names[date(2027, 3, 29)] == "Easter Monday"
    assert names[date(2027, 4, 1)] == "Away day"


def test_without_a_country_only_extra_days_are_holidays() -> None:
    settings = pmo(holidays={"extra": [{"date": "2027-01-05"}]})
    cal = build_calendar(settings, MONDAY, MONDAY + timedelta(days=6))
    assert week(cal.open_hours, MONDAY) == [8.0, 0.0, 8.0, 8.0, 8.0, 0.0, 0.0]
    assert public_holidays(settings, MONDAY, MONDAY)[date(2027, 1, 5)] == "PMO holiday"


def test_new_year_is_a_holiday_in_england() -> None:
    settings = pmo(holidays={"country": "GB", "subdivision": "ENG"})
    cal = build_calendar(settings, date(2026, 12, 28), date(2027, 1, 8))
    assert cal.open_hours[cal.index(date(2027, 1, 1))] == 0.0  # a Friday
    assert cal.open_hours[cal.index(date(2026, 12, 28))] == 0.0  # Boxing Day, moved to Monday
    assert cal.open_hours[cal.index(date(2026, 12, 30))] == 8.0


def test_an_unknown_country_gives_no_holidays_and_no_crash() -> None:
    settings = pmo(holidays={"country": "ZZ"})
    cal = build_calendar(settings, MONDAY, MONDAY + timedelta(days=6))
    assert cal.open_days(0, 6) == 5


def test_holidays_are_cached_on_disk_and_read_back(tmp_path: Path) -> None:
    settings = pmo(holidays={"country": "GB", "subdivision": "ENG"})
    first = public_holidays(settings, date(2027, 1, 1), date(2027, 12, 31))
    files = list((tmp_path / "cache" / "holidays").glob("GB-ENG-2027-2027-*.json"))
    assert len(files) == 1
    # a planted name proves the second answer comes from the file
    data = json.loads(files[0].read_text())
    data["2027-01-01"] = "From the cache"
    files[0].write_text(json.dumps(data))
    _library_holidays.cache_clear()
    again = public_holidays(settings, date(2027, 1, 1), date(2027, 12, 31))
    assert again[date(2027, 1, 1)] == "From the cache"
    assert set(again) == set(first)


def test_the_cache_can_be_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMOCAT_NO_CACHE", "1")
    public_holidays(pmo(holidays={"country": "GB"}), date(2027, 1, 1), date(2027, 1, 2))
    assert not (tmp_path / "cache").exists()


def test_full_timer_on_short_fridays() -> None:
    settings = pmo(**NORTHWIND)
    cal = build_calendar(settings, MONDAY, MONDAY + timedelta(days=6))
    hours = person_hours(person("asha", {}, 37.5), settings, cal)
    # daily = 37.5 / 5 = 7.5; Friday opens only 6 hours
    assert week(hours, MONDAY) == [7.5, 7.5, 7.5, 7.5, 6.0, 0.0, 0.0]


def test_part_timer_spreads_hours_over_their_own_days() -> None:
    settings = pmo(**NORTHWIND)
    cal = build_calendar(settings, MONDAY, MONDAY + timedelta(days=6))
    asha = person("asha", {}, 30, working_days=["monday", "tuesday", "thursday"])
    assert week(person_hours(asha, settings, cal), MONDAY) == [8.5, 8.5, 0.0, 8.5, 0.0, 0.0, 0.0]
    # 30 / 3 = 10 a day, capped by the 8.5 hours the PMO is open


def test_a_working_day_the_pmo_is_closed_still_counts_in_the_daily_share() -> None:
    settings = pmo()  # Monday to Friday
    cal = build_calendar(settings, MONDAY, MONDAY + timedelta(days=6))
    weekender = person("sam", {}, 36, working_days=["friday", "saturday", "sunday"])
    assert week(person_hours(weekender, settings, cal), MONDAY) == [0, 0, 0, 0, 8.0, 0, 0]
    # daily = 36 / 3 = 12, capped at 8 on Friday; the weekend is closed


def test_absences_and_commitments() -> None:
    settings = pmo()
    cal = build_calendar(settings, MONDAY, MONDAY + timedelta(days=13))
    ben = person("ben", {}, 40, absences=[{"from": "2027-01-05", "to": "2027-01-06"}],
                 commitments=[{"from": "2027-01-07", "to": "2027-01-12", "hours_per_week": 10},
                              {"from": "2027-01-12", "to": "2027-01-12", "hours_per_week": 5}])
    hours = person_hours(ben, settings, cal)
    # 8 a day; away Tue-Wed; 10 h/week committed is 2 a day from Thursday; 1 more on the 12th
    assert week(hours, MONDAY) == [8.0, 0.0, 0.0, 6.0, 6.0, 0.0, 0.0]
    assert week(hours, MONDAY + timedelta(days=7)) == [6.0, 5.0, 8.0, 8.0, 8.0, 0.0, 0.0]


def test_hours_never_go_below_zero() -> None:
    settings = pmo()
    cal = build_calendar(settings, MONDAY, MONDAY + timedelta(days=6))
    busy = person("kim", {}, 20, commitments=[{"from": "2027-01-01", "to": "2027-01-31",
                                                "hours_per_week": 30}])
    assert week(person_hours(busy, settings, cal), MONDAY) == [0.0] * 7


def test_commitments_are_taken_from_the_capped_day() -> None:
    settings = pmo(**NORTHWIND)
    cal = build_calendar(settings, MONDAY, MONDAY + timedelta(days=6))
    # daily 50 / 5 = 10, capped at 8.5 (6 on Friday), then 10 / 5 = 2 committed
    lena = person("lena", {}, 50, commitments=[{"from": "2027-01-04", "to": "2027-01-10",
                                                 "hours_per_week": 10}])
    assert week(person_hours(lena, settings, cal), MONDAY) == [6.5, 6.5, 6.5, 6.5, 4.0, 0.0, 0.0]


def test_nth_open_day_after_skips_closed_days() -> None:
    settings = pmo(holidays={"extra": [{"date": "2027-01-06"}]})
    cal = build_calendar(settings, MONDAY, MONDAY + timedelta(days=20))
    assert cal.nth_open_day_after(0, 0) == 0
    assert cal.day(cal.nth_open_day_after(0, 1)) == date(2027, 1, 5)
    assert cal.day(cal.nth_open_day_after(0, 2)) == date(2027, 1, 7)  # the 6th is closed
    assert cal.day(cal.nth_open_day_after(0, 4)) == date(2027, 1, 11)  # over the weekend
    assert cal.nth_open_day_after(0, 100) == cal.length  # beyond the calendar
