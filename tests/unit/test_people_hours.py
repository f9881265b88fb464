"""Everyone's hours at once (`people_hours`) are, bit for bit, the spec's §3 worked out one
person at a time: the arithmetic below is the one person_hours had before it was batched."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmocat.models import Person, Pmo
from pmocat.models.types import WEEKDAYS
from pmocat.planning import availability
from pmocat.planning.availability import Calendar, build_calendar, people_hours, working_days
from tests.unit.planning_kit import person, pmo

START = date(2027, 1, 6)  # a Wednesday: weeks do not line up with the calendar's start
NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def one_at_a_time(someone: Person, settings: Pmo, cal: Calendar) -> np.ndarray:
    days = working_days(someone, settings)
    if not days:
        return np.zeros(cal.length)
    weekday_works = np.array([WEEKDAYS[w] in days for w in range(7)])
    works = weekday_works[(np.arange(cal.length) + cal.start.weekday()) % 7] & (cal.open_hours > 0)
    for absence in someone.absences:
        a, b = max(cal.index(absence.from_), 0), min(cal.index(absence.to), cal.length - 1)
        if a <= b:
            works[a : b + 1] = False
    daily = someone.hours_per_week / len(days)
    committed = np.zeros(cal.length)
    for commitment in someone.commitments:
        a, b = max(cal.index(commitment.from_), 0), min(cal.index(commitment.to), cal.length - 1)
        if a <= b:
            committed[a : b + 1] += commitment.hours_per_week / len(days)
    hours = np.maximum(0.0, np.minimum(daily, cal.open_hours) - committed)
    return np.where(works, hours, 0.0)


def period(draw: Any) -> dict[str, date]:
    first = START + timedelta(days=draw(st.integers(-20, 80)))
    return {"from": first, "to": first + timedelta(days=draw(st.integers(0, 40)))}


@st.composite
def someone(draw: Any, n: int) -> Person:
    fields: dict[str, Any] = {
        "absences": [period(draw) for _ in range(draw(st.integers(0, 2)))],
        "commitments": [{**period(draw), "hours_per_week": draw(st.sampled_from([1, 2.5, 7, 13.3, 40]))}
                        for _ in range(draw(st.integers(0, 3)))],
    }
    days = draw(st.lists(st.sampled_from(NAMES), unique=True, max_size=7))
    if days:
        fields["working_days"] = days
    return person(f"p{n}", {"x": 1}, draw(st.sampled_from([7.5, 20, 37.5, 40, 60])), **fields)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.integers(1, 12), st.integers(1, 5))
def test_everyone_at_once_is_each_in_turn(data: st.DataObject, n: int, chunk: int) -> None:
    people = [data.draw(someone(k)) for k in range(n)]
    settings_ = pmo(opening_hours={"monday": "09:00-17:30", "tuesday": "09:00-12:00",
                                   "thursday": ["08:00-12:00", "13:00-19:00"],
                                   "friday": "09:00-16:00", "saturday": "10:00-12:00"},
                    closures=[{"from": START + timedelta(days=30), "to": START + timedelta(days=33),
                               "name": "Move"}])
    cal = build_calendar(settings_, START, START + timedelta(days=data.draw(st.integers(0, 90))))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(availability, "_CHUNK", chunk)  # rows split over several chunks too
        table = people_hours(people, settings_, cal)
    assert table.shape == (n, cal.length)
    for row, p in zip(table, people, strict=True):
        expected = one_at_a_time(p, settings_, cal)
        assert row.tobytes() == expected.tobytes()


def test_nobody() -> None:
    cal = build_calendar(pmo(), START, START + timedelta(days=9))
    assert people_hours([], pmo(), cal).shape == (0, 10)
