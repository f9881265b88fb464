"""pmocat's English: money, hours, figures, plurals, lists, dates, periods and "did you mean"."""

from __future__ import annotations

import ast
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pmocat import words
from pmocat.words import (
    between_words,
    closest,
    date_words,
    day_words,
    did_you_mean,
    hours,
    long_date,
    money,
    notice_period,
    number_words,
    opening_hours_words,
    period_words,
    plural,
    span_words,
    words_list,
)


@pytest.mark.parametrize(("amount", "currency", "text"), [
    ("4500", "GBP", "£4,500"),
    ("4500.00", "EUR", "€4,500"),
    ("1200.5", "GBP", "£1,200.50"),
    ("1200.50", "CHF", "1,200.50 CHF"),
    ("0", "USD", "$0"),
    ("1386.666", "EUR", "€1,386.67"),
    ("-246", "GBP", "−£246"),  # a loss: the sign before the symbol, never "£-246"
    ("-1200.5", "CHF", "−1,200.50 CHF"),
])
def test_money(amount: str, currency: str, text: str) -> None:
    assert money(Decimal(amount), currency) == text


@pytest.mark.parametrize(("value", "text"), [
    (29.0, "29"), (12.5, "12.5"), (0.25, "0.25"), (1234.25, "1,234.25"), (12.346, "12.35"),
    (0.004, "0"), (1e6, "1,000,000"),
])
def test_hours(value: float, text: str) -> None:
    assert hours(value) == text


@pytest.mark.parametrize(("value", "text"), [(6, "6"), (7.5, "7.5"), (1.0667, "1.1"), (0.04, "0")])
def test_number_words(value: float, text: str) -> None:
    assert number_words(value) == text


@pytest.mark.parametrize(("count", "word", "text"), [
    (0, "open day", "0 open days"),
    (1, "open day", "1 open day"),
    (2, "open day", "2 open days"),
    (1, "more warning", "1 more warning"),
    (7.5, "hour", "7.5 hours"),
    (1.04, "day", "1 day"),  # the noun agrees with the figure shown
    (1.06, "day", "1.1 days"),
])
def test_plural(count: float, word: str, text: str) -> None:
    assert plural(count, word) == text


@pytest.mark.parametrize(("items", "text"), [
    (["a"], "a"),
    (["a", "b"], "a and b"),
    (["a", "b", "c"], "a, b and c"),
])
def test_words_list(items: list[str], text: str) -> None:
    assert words_list(items) == text


def test_words_list_with_or_and_a_limit() -> None:
    assert words_list(["risk", "pmo"], "or") == "risk or pmo"
    names = ["Asha", "Ben", "Helen", "Nadia"]
    assert words_list(names, most=4) == "Asha, Ben, Helen and Nadia"
    assert words_list([*names, "Omar"], most=4) == "Asha, Ben, Helen and 2 others"
    assert words_list(iter(["x", "y"])) == "x and y"


def test_days() -> None:
    assert day_words(date(2027, 2, 1)) == "1 Feb 2027"
    assert day_words(date(2027, 2, 1), year=False) == "1 Feb"
    assert long_date(date(2027, 2, 1)) == "1 February 2027"


@pytest.mark.parametrize(("start", "end", "year", "text"), [
    (date(2027, 2, 8), date(2027, 2, 8), True, "8 Feb 2027"),
    (date(2027, 2, 8), date(2027, 2, 12), True, "8–12 Feb 2027"),
    (date(2027, 2, 8), date(2027, 2, 12), False, "8–12 Feb"),
    (date(2027, 1, 18), date(2027, 3, 26), True, "18 Jan – 26 Mar 2027"),
    (date(2026, 12, 21), date(2027, 1, 4), True, "21 Dec 2026 – 4 Jan 2027"),
])
def test_period_words(start: date, end: date, year: bool, text: str) -> None:
    assert period_words(start, end, year=year) == text


THIS_YEAR = date(2026, 12, 1)


@pytest.mark.parametrize(("start", "end", "today", "text"), [
    (date(2027, 2, 15), date(2027, 2, 26), THIS_YEAR, "between 15 and 26 Feb 2027"),
    (date(2027, 2, 15), date(2027, 3, 2), THIS_YEAR, "between 15 Feb and 2 Mar 2027"),
    (date(2026, 12, 21), date(2027, 1, 4), THIS_YEAR, "between 21 Dec 2026 and 4 Jan 2027"),
    (date(2026, 12, 8), date(2026, 12, 10), THIS_YEAR, "between 8 and 10 Dec"),
    (date(2026, 12, 8), date(2026, 12, 10), None, "between 8 and 10 Dec 2026"),
    (date(2027, 3, 1), date(2027, 3, 1), THIS_YEAR, "on 1 Mar 2027"),
])
def test_between_words_carry_the_year_unless_the_span_is_in_this_one(
        start: date, end: date, today: date | None, text: str) -> None:
    assert between_words(start, end, today) == text


def test_dates_and_spans_carry_the_year_unless_in_this_one() -> None:
    assert date_words(date(2026, 12, 8), THIS_YEAR) == "8 Dec"
    assert date_words(date(2027, 1, 8), THIS_YEAR) == "8 Jan 2027"
    assert date_words(date(2026, 12, 8)) == "8 Dec 2026"
    assert span_words(date(2026, 12, 8), date(2026, 12, 10), THIS_YEAR) == "8–10 Dec"
    assert span_words(date(2026, 12, 21), date(2027, 1, 4), THIS_YEAR) == "21 Dec 2026 – 4 Jan 2027"
    assert span_words(date(2027, 1, 11), date(2027, 6, 30), THIS_YEAR) == "11 Jan – 30 Jun 2027"


def test_notice_period() -> None:
    assert notice_period(5) == "5 open days' notice"
    assert notice_period(1) == "1 open day's notice"


def test_opening_hours_words() -> None:
    runs = [("Mon–Thu", ("09:00–17:30",)), ("Fri", ("09:00–12:00", "13:00–16:00"))]
    assert opening_hours_words(runs) == "Mon–Thu 09:00–17:30, Fri 09:00–12:00 and 13:00–16:00"
    assert opening_hours_words([]) == "closed"


def test_did_you_mean() -> None:
    services = {"project-health-check": 1, "pmo-set-up": 2}
    assert closest("project-helth-check", services) == "project-health-check"
    assert did_you_mean("project-helth-check", services) == "did you mean 'project-health-check'?"
    assert closest("zzz", services) is None
    assert did_you_mean("zzz", services) is None


def test_words_is_the_bottom_layer() -> None:
    tree = ast.parse(Path(words.__file__).read_text(encoding="utf-8"))
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                 for alias in node.names]
    assert not [name for name in imported if name.split(".")[0] == "pmocat"]


@pytest.mark.parametrize(("amount", "rounded"), [
    ("1386.67", "1400"), ("570", "570"), ("86.40", "86"), ("12345", "12000"), ("99.5", "100"),
    ("1950", "2000"), ("0.40", "0"), ("104.99", "100"), ("1000000.01", "1000000")])
def test_estimates_round_to_two_significant_figures(amount: str, rounded: str) -> None:
    from pmocat.words import about_money, rounded_money

    assert rounded_money(Decimal(amount)) == Decimal(rounded)
    assert about_money(Decimal("1386.67"), "EUR") == "about €1,400"


def test_a_share_and_a_headcount_in_words() -> None:
    from pmocat.words import people_words, percent

    assert [percent(7, 100), percent(1, 200), percent(0, 5), percent(3, 0)] == ["7%", "0.5%", "0%", "–"]
    assert percent(694, 100) == "694%"
    assert (people_words(1), people_words(12)) == ("1 person", "12 people")


def test_gap_words_say_the_gap_plainly() -> None:
    from pmocat.words import gap_words

    assert gap_words(0.008, "revenue") == ("The time limit came first: this set is within 0.8% of "
                                           "the best possible revenue.")
    assert gap_words(0.0, "priority") == "The best possible set by priority, proved within the time limit."
    assert gap_words(0.25, "priority", 2).endswith(
        "within 25.0% of the best possible number of priority-2 requests "
        "(requests of priority 3 and after were not weighed).")
