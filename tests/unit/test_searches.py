"""The searches over due dates and quantities, on made-up answers: each finds what it
promises, never tries a date twice, and within its budget of trials."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmocat.planning.searches import catch_up, earliest_due, most_passing


@st.composite
def shortfalls(draw: st.DrawFn) -> tuple[date, int, dict[date, float | None]]:
    """A due date, a horizon, and hours short per later due date: never rising, in runs
    of different slopes (flat, steep, slow), and refused (None) for the first few days."""
    due, horizon = date(2027, 3, 1), draw(st.integers(1, 120))
    short = float(draw(st.integers(1, 5000))) / draw(st.sampled_from((1, 3, 10)))
    refused = draw(st.integers(0, 10))
    table: dict[date, float | None] = {}
    slope = 0.0
    for n in range(horizon + 1):
        if n % draw(st.integers(1, 30)) == 0:
            slope = draw(st.sampled_from((0.0, 1e-9, 0.5, 7.4, 40.0, 300.0, 1 / 3)))
        short = max(short - slope, 0.0)
        table[due + timedelta(days=n)] = None if n and n <= refused else short
    return due, horizon, table


@settings(max_examples=300, deadline=None)
@given(shortfalls(), st.one_of(st.none(), st.integers(0, 200)))
@pytest.mark.slow
def test_the_forward_search_finds_the_first_due_date_with_nothing_short(
        case: tuple[date, int, dict[date, float | None]], first: int | None) -> None:
    """From no first guess, or any (good, bad, past the horizon)."""
    due, horizon, table = case
    asked: list[date] = []

    def short(when: date) -> float | None:
        asked.append(when)
        return table[when]

    if table[due] == 0.0:
        return  # it passes at its due date: not this search's question
    found = catch_up(due, table[due], due + timedelta(days=horizon), short, first)
    first = next((d for d in sorted(table) if d > due and table[d] == 0.0), None)
    assert found == first
    assert len(asked) == len(set(asked))  # no date tried twice
    assert len(asked) <= 2 * horizon.bit_length() + 2  # a binary search's, about twice


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 400), st.integers(0, 400), st.one_of(st.none(), st.integers(-5, 405)))
def test_the_earliest_due_date_passes_and_the_day_before_does_not(
        length: int, answer: int, guess: int | None) -> None:
    """From no guess, or any (good, bad, outside the bracket)."""
    first = date(2027, 1, 1)
    due = first + timedelta(days=length)
    earliest = first + timedelta(days=min(answer, length))
    asked: list[date] = []

    def passes(when: date) -> bool:
        asked.append(when)
        return when >= earliest

    found = earliest_due(first, due, passes, None if guess is None else first + timedelta(days=guess))
    assert found == earliest
    assert len(asked) == len(set(asked)) and due not in asked
    assert len(asked) <= 2 * (length + 1).bit_length() + 2


@given(st.integers(1, 300), st.integers(0, 300))
def test_the_most_units_pass_and_one_more_does_not(fails: int, most: int) -> None:
    most = min(most, fails - 1)
    asked: list[int] = []

    def passes(units: int) -> bool:
        asked.append(units)
        return units <= most

    assert most_passing(fails, passes) == most
    assert len(asked) == len(set(asked)) and 0 not in asked and fails not in asked
