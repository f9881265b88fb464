"""English, in one room: how pmocat writes money, hours, days, counts and lists.

The bottom layer, beside diagnostics.py: it imports nothing of pmocat's, and every layer
above that says something to a person says it through these functions.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date
    from decimal import Decimal

#: currencies written with a symbol in front; any other goes after the figure
SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$", "AUD": "A$", "CAD": "C$", "NZD": "NZ$",
           "JPY": "¥", "INR": "₹"}


def money(amount: Decimal, currency: str) -> str:
    """'£4,500', '£1,200.50', '1,200.50 CHF', '−£246': pence only when there are some,
    and a loss's sign before the symbol."""
    sign, amount = ("−", -amount) if amount < 0 else ("", amount)
    whole = amount == amount.to_integral_value()
    figure = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    symbol = SYMBOLS.get(currency)
    return f"{sign}{symbol}{figure}" if symbol else f"{sign}{figure} {currency}"


def rounded_money(amount: Decimal) -> Decimal:
    """An estimate without false precision: under 100, to the whole unit; from 100, to two
    significant figures (1,386.67 -> 1,400; 570 -> 570; 12,345 -> 12,000)."""
    from decimal import ROUND_HALF_UP, Decimal

    if amount < 100:
        return amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    step = Decimal(10) ** (len(str(int(amount))) - 2)
    return (amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def about_money(amount: Decimal, currency: str) -> str:
    """'about €1,400': an estimate, rounded by `rounded_money`."""
    return f"about {money(rounded_money(amount), currency)}"


def open_days(count: int) -> str:
    """'1 open day', '5 open days': the days the PMO is open, the one word for a service's
    length and its notice."""
    return plural(count, "open day")


def hours(value: float) -> str:
    """Hours to two decimals at most, as a PMO writes them: '29', '12.5', '1,234.25'."""
    return f"{round(value, 2):,.2f}".rstrip("0").rstrip(".")


def number_words(value: float) -> str:
    """A figure to one decimal at most: 6 -> '6', 7.5 -> '7.5', 1.0667 -> '1.1'."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def percent(part: float, whole: float) -> str:
    """'7%', '0.4%' (under one in a hundred, to one decimal), '–' of nothing."""
    if whole <= 0:
        return "–"
    share = 100 * part / whole
    return f"{number_words(share)}%" if 0 < share < 1 else f"{round(share)}%"


def gap_words(gap: float, goal: str, level: int | None = None) -> str:
    """How close the best set found within a time limit is to the best possible:
    'The best possible revenue, proved within the time limit.', 'The time limit came
    first: this set is within 0.8% of the best possible revenue.'"""
    if gap <= 0:
        what = "revenue" if goal == "revenue" else "set by priority"
        return f"The best possible {what}, proved within the time limit."
    what = "revenue" if goal == "revenue" else f"number of priority-{level} requests"
    figure = f"{gap * 100:.1f}" if gap >= 0.001 else "0.1"
    later = "" if goal == "revenue" or level is None or level >= 5 else (
        f" (requests of priority {level + 1} and after were not weighed)")
    return (f"The time limit came first: this set is within {figure}% of the best possible "
            f"{what}{later}.")


def plural(count: float, word: str) -> str:
    """'1 open day', '3 open days', '7.5 hours': the noun agrees with the figure shown."""
    figure = number_words(count)
    return f"{figure} {word}" + ("" if figure == "1" else "s")


def count_words(count: int) -> str:
    """'one', 'two', … 'ten', then figures: 11, 12."""
    names = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return names[count] if 0 <= count < len(names) else str(count)


def people_words(count: int) -> str:
    """'1 person', '12 people'."""
    return f"{count} {'person' if count == 1 else 'people'}"


def words_list(items: Iterable[str], last: str = "and", *, most: int | None = None) -> str:
    """'a', 'a and b', 'a, b and c'; past `most` items, 'a, b, c and 2 others'."""
    shown = list(items)
    if most is not None and len(shown) > most:
        return ", ".join(shown[:most - 1]) + f" and {len(shown) - most + 1} others"
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} {last} {shown[-1]}"


def day_words(day: date, *, year: bool = True) -> str:
    """'1 Feb 2027' (or '1 Feb'): how a PMO writes a date."""
    return f"{day.day} {day:%b %Y}" if year else f"{day.day} {day:%b}"


def date_words(day: date, today: date | None = None) -> str:
    """'5 Jul 2027', or '5 Jul' when it is in today's year (always the year without a today)."""
    return day_words(day, year=today is None or day.year != today.year)


def between_words(start: date, end: date, today: date | None = None) -> str:
    """'between 15 and 26 Feb 2027', 'between 15 Feb and 2 Mar 2027', 'between
    21 Dec 2026 and 4 Jan 2027'; the year left out when both days are in today's year."""
    if start.year != end.year:
        return f"between {day_words(start)} and {day_words(end)}"
    if start == end:
        return f"on {date_words(end, today)}"
    tail = "" if today is not None and end.year == today.year else f" {end.year}"
    first = f"{start.day}" if start.month == end.month else day_words(start, year=False)
    return f"between {first} and {day_words(end, year=False)}{tail}"


def span_words(start: date, end: date, today: date | None = None) -> str:
    """period_words with the year shown whenever the span crosses a year or is not in
    today's: '8–12 Feb 2027', '21 Dec 2026 – 4 Jan 2027', '8–10 Dec' (this year)."""
    return period_words(start, end, year=today is None or start.year != today.year
                        or end.year != today.year)


def notice_period(days: int) -> str:
    """"5 open days' notice", "1 open day's notice"."""
    return f"{plural(days, 'open day')}'" + ("s" if days == 1 else "") + " notice"


def long_date(day: date) -> str:
    """'1 February 2027': a date at the foot of a printed page."""
    return f"{day.day} {day:%B %Y}"


def period_words(start: date, end: date, *, year: bool = True) -> str:
    """'8–12 Feb 2027', '18 Jan – 26 Mar 2027', '21 Dec 2026 – 4 Jan 2027'."""
    tail = f" {end.year}" if year else ""
    if start == end:
        return day_words(start, year=year)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b}{tail}"
    if start.year == end.year:
        return f"{day_words(start, year=False)} – {day_words(end, year=False)}{tail}"
    return f"{day_words(start)} – {day_words(end)}"


def opening_hours_words(runs: Iterable[tuple[str, tuple[str, ...]]]) -> str:
    """Runs of weekdays and their times: 'Mon–Thu 09:00–17:30, Fri 09:00–12:00 and 13:00–16:00'."""
    return ", ".join(f"{days} {' and '.join(times)}" for days, times in runs) or "closed"


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice a mistyped `word` most likely meant, or None when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """"did you mean 'assurance'?", or None when no choice is close."""
    return meant(closest(word, choices))


def meant(match: str | None) -> str | None:
    """"did you mean 'assurance'?" for a close match already found, or None."""
    return f"did you mean '{match}'?" if match else None
