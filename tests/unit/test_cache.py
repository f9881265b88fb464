"""What the on-disk cache gives back is what its writer would have written, or nothing.

A cache entry of the wrong shape (edited by hand, cut short, from another version) is
ignored: the answer is worked out again, and the entry rewritten.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from pmocat.checks import book_fits, run_checks
from pmocat.diagnostics import Diagnostic
from pmocat.planning.availability import _library_holidays, public_holidays
from pmocat.sources import cache, holiday_calendars
from pmocat.sources.catalogue import load_catalogue
from tests.unit.planning_kit import pmo

TODAY = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PMOCAT_CACHE_DIR", str(folder))
    _clear_memory()
    yield folder
    _clear_memory()


def _clear_memory() -> None:
    """What each process keeps in memory besides the cache on disk."""
    _library_holidays.cache_clear()
    holiday_calendars.countries.cache_clear()
    holiday_calendars.subdivisions.cache_clear()


def check(root: Path) -> list[Diagnostic]:
    cat, loaded = load_catalogue(str(root))
    return loaded + run_checks(cat, loaded, day=TODAY)


def overbooked(root: Path) -> Path:
    """REQ-001 accepted twenty times over, and the cache file its check reads."""
    request = root / "requests" / "REQ-001.yaml"
    request.write_text(request.read_text().replace("quantity: 1", "quantity: 20") + "status: accepted\n")
    cat, _ = load_catalogue(str(root))
    folder = cache.cache_dir()
    assert folder is not None
    return folder / "book-fits" / f"{book_fits._cache_key(cat, TODAY)}.json"


def shortfalls(diagnostics: list[Diagnostic]) -> list[tuple[str, int, str]]:
    return [(Path(d.span.path).name, d.span.line, d.message) for d in diagnostics
            if d.code == "book-does-not-fit"]


@pytest.mark.parametrize("planted", [
    [1],                        # not pairs: crashed unpacking
    [["REQ-001", "lots"]],      # hours as text: crashed rounding
    [["REQ-001"]],              # a pair cut short
    [["REQ-001", 5, "extra"]],  # a pair too long
    [["REQ-001", -3]],          # hours short must be more than none
    [["REQ-404", 12.5]],        # a request not in the book: a made-up warning
    {"REQ-001": 5},             # a mapping, not a list
    "REQ-001",
    None,
])
def test_a_book_fits_entry_of_the_wrong_shape_is_ignored_and_rewritten(
        minimal_copy: Path, planted: object) -> None:
    entry = overbooked(minimal_copy)
    truth = shortfalls(check(minimal_copy))
    assert len(truth) == 1 and truth[0][:2] == ("REQ-001.yaml", 8)
    written = json.loads(entry.read_text())
    entry.write_text(json.dumps(planted))
    assert shortfalls(check(minimal_copy)) == truth
    assert json.loads(entry.read_text()) == written


def test_a_book_fits_entry_that_is_not_json_is_rewritten(minimal_copy: Path) -> None:
    entry = overbooked(minimal_copy)
    truth = shortfalls(check(minimal_copy))
    written = entry.read_bytes()
    entry.write_bytes(b"\xff\xfe[[")
    assert shortfalls(check(minimal_copy)) == truth
    assert entry.read_bytes() == written


def test_a_good_book_fits_entry_is_the_answer(minimal_copy: Path) -> None:
    # the cache is read, not only written: a planted (well-formed) figure comes back
    entry = overbooked(minimal_copy)
    check(minimal_copy)
    entry.write_text(json.dumps([["REQ-001", 12.5]]))
    assert [m for *_, m in shortfalls(check(minimal_copy))] == [
        "accepted request REQ-001 cannot be served in full: 12.5 h of its work does not fit "
        "the roster alongside the accepted requests before it (by priority, then due date)"]


@pytest.mark.parametrize("planted", [
    {"2027-01-01": None},       # read back as a holiday called "None"
    {"2027-01-01": 5},          # a name that is a number
    {"2027-1-1": "New Year"},   # not a date written YYYY-MM-DD
    {"1798761600": "New Year"},
    ["2027-01-01"],
    [],
])
def test_a_holiday_entry_of_the_wrong_shape_is_ignored_and_rewritten(
        _private_cache: Path, planted: object) -> None:
    settings = pmo(holidays={"country": "GB", "subdivision": "ENG"})
    truth = public_holidays(settings, date(2027, 1, 1), date(2027, 12, 31))
    assert truth[date(2027, 1, 1)] == "New Year's Day"
    [entry] = (_private_cache / "holidays").glob("GB-ENG-2027-2027-*.json")
    written = entry.read_text()
    entry.write_text(json.dumps(planted))
    _library_holidays.cache_clear()
    assert public_holidays(settings, date(2027, 1, 1), date(2027, 12, 31)) == truth
    assert entry.read_text() == written


def test_the_regions_index_of_the_wrong_shape_is_ignored_and_rewritten(
        minimal_copy: Path, _private_cache: Path) -> None:
    pmo_file = minimal_copy / "pmo.yaml"
    pmo_file.write_text(pmo_file.read_text() + "holidays: {subdivision: ENG}\n")
    [first] = [d.hint for d in check(minimal_copy)]
    assert first == "add 'country: GB' beside it"
    [entry] = (_private_cache / "holiday-regions").glob("*.json")
    written = entry.read_text()
    entry.write_text(json.dumps({"ENG": "GB"}))
    assert [d.hint for d in check(minimal_copy)] == [first]
    assert entry.read_text() == written


@pytest.mark.parametrize(("kind", "ask", "planted", "wrong"), [
    ("holiday-countries", holiday_calendars.countries, {"ZZ": "zedland"}, {"ZZ": 5}),
    ("holiday-countries", holiday_calendars.countries, {"ZZ": "zedland"}, ["GB"]),
    ("holiday-subdivisions", lambda: holiday_calendars.subdivisions("GB"), ["XX"], {"ENG": "GB"}),
    ("holiday-subdivisions", lambda: holiday_calendars.subdivisions("GB"), ["XX"], [5]),
])
def test_the_holiday_calendar_names_are_kept_and_read_back(
        _private_cache: Path, kind: str, ask: Callable[[], object], planted: object,
        wrong: object) -> None:
    truth = ask()
    assert truth == (holiday_calendars._countries() if kind == "holiday-countries"
                     else ("ENG", "NIR", "SCT", "WLS"))
    [entry] = (_private_cache / kind).glob("*.json")
    written = entry.read_text()
    # an entry of the right shape is the answer, without reading the library's source
    entry.write_text(json.dumps(planted))
    _clear_memory()
    assert ask() == (planted if isinstance(planted, dict) else tuple(planted))
    # one of the wrong shape is ignored, and the library's answer written again
    entry.write_text(json.dumps(wrong))
    _clear_memory()
    assert ask() == truth
    assert entry.read_text() == written
