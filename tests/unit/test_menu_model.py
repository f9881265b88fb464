"""The menu's words: prices, notice, durations, opening hours, closures, seasons and filters."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pmocat.errors import PmocatError
from pmocat.menu import (
    build_menu,
    closures_ahead,
    duration_words,
    lead_time_words,
    opening_hours,
    price_note,
    price_words,
    public_holidays_words,
    seasons_words,
)
from pmocat.models import Pmo, Service
from pmocat.sources.catalogue import Catalogue, load_catalogue
from pmocat.sources.git import commit_of
from pmocat.words import period_words

CASES = Path(__file__).resolve().parent.parent / "cases" / "menu"
TODAY = date(2026, 12, 1)


def service(**changes: Any) -> Service:
    data: dict[str, Any] = {
        "id": "health-check", "name": "Project health check", "category": "Assurance",
        "status": "live", "summary": "A review.", "owner": "ann",
        "recipe": [{"skill": "assurance", "level": 3, "hours": 24}],
        "price": {"model": "fixed", "amount": 4500},
    }
    data.update(changes)
    return Service.model_validate(data)


def pmo(**changes: Any) -> Pmo:
    data: dict[str, Any] = {
        "schema_version": 1, "name": "PMO", "currency": "GBP",
        "opening_hours": {"mon": "09:00-17:30", "tue": "09:00-17:30", "wed": "09:00-17:30",
                          "thu": "09:00-17:30", "fri": ["09:00-12:00", "13:00-16:00"]},
    }
    data.update(changes)
    return Pmo.model_validate(data)


@pytest.mark.parametrize(("price", "unit", "currency", "words"), [
    ({"model": "fixed", "amount": 4500}, "review", "GBP", "£4,500 per review"),
    ({"model": "fixed", "amount": 4500}, None, "GBP", "£4,500 per engagement"),
    ({"model": "fixed", "amount": 1800.50}, None, "EUR", "€1,800.50 per engagement"),
    ({"model": "hourly", "amount": 85}, None, "USD", "$85 an hour"),
    ({"model": "day_rate", "amount": 650}, None, "GBP", "£650 a day"),
    ({"model": "per_month", "amount": 300}, None, "GBP", "£300 a month"),
    ({"model": "per_month", "amount": 1200}, None, "CHF", "1,200 CHF a month"),
    ({"model": "free"}, None, "GBP", "Free"),
    ({"model": "fixed", "amount": 0}, None, "GBP", "Free"),
])
def test_price_in_words(price: dict[str, Any], unit: str | None, currency: str, words: str) -> None:
    assert price_words(service(price=price, unit=unit), currency) == words


def test_a_time_priced_service_says_what_one_unit_comes_to() -> None:
    hourly = service(price={"model": "hourly", "amount": 95},
                     recipe=[{"skill": "coaching", "hours": 6}])
    assert price_note(hourly, "GBP", 7.5) == "about £570 per engagement"
    daily = service(price={"model": "day_rate", "amount": 650}, unit="forecast",
                    recipe=[{"skill": "a", "hours": 15}, {"skill": "b", "hours": 7.5}])
    assert price_note(daily, "GBP", 7.5) == "about £2,000 per forecast"
    # 2.1 days at €650 is €1,386.67: an estimate, not a quote to the cent
    odd = service(price={"model": "day_rate", "amount": 650}, recipe=[{"skill": "a", "hours": 16}])
    assert price_note(odd, "EUR", 7.5) == "about €1,400 per engagement"
    assert price_note(service(), "GBP", 7.5) is None


def test_notice_and_duration_in_words() -> None:
    assert lead_time_words(0) == "no notice needed"
    assert lead_time_words(1) == "book 1 open day ahead"
    assert lead_time_words(5) == "book 5 open days ahead"
    assert duration_words(service(duration_days=1)) == "takes 1 open day"
    assert duration_words(service(duration_days=10)) == "takes 10 open days"
    monthly = service(price={"model": "per_month", "amount": 300}, duration_days=5)
    assert duration_words(monthly) == "runs month by month"


def test_opening_hours_group_runs_of_days_with_the_same_hours() -> None:
    assert opening_hours(pmo()) == [("Mon–Thu", ("09:00–17:30",)),
                                    ("Fri", ("09:00–12:00", "13:00–16:00"))]
    gappy = pmo(opening_hours={"mon": "08:00-17:00", "tue": "08:00-17:00",
                               "thu": "08:00-17:00", "sat": "09:00-12:00"})
    assert opening_hours(gappy) == [("Mon–Tue", ("08:00–17:00",)), ("Thu", ("08:00–17:00",)),
                                    ("Sat", ("09:00–12:00",))]


def test_ranges_are_listed_in_time_order() -> None:
    split = pmo(opening_hours={"mon": ["13:00-16:00", "09:00-12:00"]})
    assert opening_hours(split) == [("Mon", ("09:00–12:00", "13:00–16:00"))]


@pytest.mark.parametrize(("start", "end", "words"), [
    (date(2027, 2, 8), date(2027, 2, 12), "8–12 Feb 2027"),
    (date(2027, 1, 18), date(2027, 3, 26), "18 Jan – 26 Mar 2027"),
    (date(2026, 12, 21), date(2027, 1, 4), "21 Dec 2026 – 4 Jan 2027"),
    (date(2027, 5, 3), date(2027, 5, 3), "3 May 2027"),
])
def test_periods_in_words(start: date, end: date, words: str) -> None:
    assert period_words(start, end) == words


def test_seasons_show_only_what_is_still_to_come() -> None:
    seasonal = service(available=[{"from": "2026-09-01", "to": "2026-11-30"},
                                  {"from": "2027-01-18", "to": "2027-03-26"},
                                  {"from": "2027-04-19", "to": "2027-07-16"}])
    assert seasons_words(seasonal, TODAY) == "18 Jan – 26 Mar and 19 Apr – 16 Jul 2027"
    assert seasons_words(seasonal, date(2027, 8, 1)) == "no dates scheduled at present"
    assert seasons_words(service(), TODAY) is None
    spanning = service(available=[{"from": "2026-11-01", "to": "2027-01-31"}])
    assert seasons_words(spanning, TODAY) == "1 Nov 2026 – 31 Jan 2027"


def test_closures_coming_up_skip_holidays_inside_a_closure_and_closed_weekdays() -> None:
    office = pmo(
        holidays={"extra": [{"date": "2026-12-24", "name": "Christmas Eve"},
                            {"date": "2027-01-15", "name": "Away day"},
                            {"date": "2027-01-16", "name": "A Saturday"}]},
        closures=[{"from": "2026-12-21", "to": "2027-01-04", "name": "Year-end freeze"},
                  {"from": "2027-08-02", "to": "2027-08-13", "name": "Summer shutdown"},
                  {"from": "2026-11-01", "to": "2026-11-30", "name": "Over already"}])
    found = [(c.name, c.when) for c in closures_ahead(office, TODAY)]
    assert found == [("Year-end freeze", "21 Dec 2026 – 4 Jan 2027"),
                     ("Away day", "Fri 15 Jan 2027")]


def test_a_closure_under_way_says_until_when() -> None:
    office = pmo(closures=[{"from": "2026-11-20", "to": "2026-12-04", "name": "Office move"}])
    assert [(c.name, c.when) for c in closures_ahead(office, TODAY)] == [
        ("Office move", "until 4 Dec 2026")]


def test_public_holidays_are_named_by_their_calendar() -> None:
    assert public_holidays_words(pmo(holidays={"country": "GB", "subdivision": "ENG"})) == (
        "Closed on public holidays (England)")
    assert public_holidays_words(pmo(holidays={"country": "DE"})) == (
        "Closed on public holidays (Germany)")
    assert public_holidays_words(pmo()) is None


@pytest.fixture(scope="module")
def basic() -> Catalogue:
    cat, diagnostics = load_catalogue(str(CASES / "basic" / "catalogue"))
    assert not diagnostics
    return cat


def names(cat: Catalogue, **options: Any) -> list[tuple[str, list[str]]]:
    menu = build_menu(cat, today=TODAY, **options)
    return [(c.name, [s.name for s in c.services]) for c in menu.categories]


def test_the_menu_shows_live_and_pilot_services_by_category(basic: Catalogue) -> None:
    assert names(basic) == [
        ("Assurance", ["Project health check", "Risk review"]),
        ("Centre of excellence", ["Lessons learned session", "PMO set-up"]),
        ("Reporting", ["Monthly status report"]),
        ("Training and coaching", ["Project manager coaching"]),
    ]


def test_all_shows_every_status_live_first(basic: Catalogue) -> None:
    menu = build_menu(basic, today=TODAY, all_statuses=True)
    assurance = menu.categories[0]
    assert [(s.name, s.badge) for s in assurance.services] == [
        ("Project health check", None), ("Risk review", "Pilot"), ("Gateway review", "Retired")]
    assert "Maturity assessment" in [s.name for s in menu.services]


def test_filters_by_category_and_tag_ignoring_case(basic: Catalogue) -> None:
    assert names(basic, categories=["assurance"]) == [
        ("Assurance", ["Project health check", "Risk review"])]
    assert names(basic, tags=["RISK", "reporting"]) == [
        ("Assurance", ["Risk review"]), ("Reporting", ["Monthly status report"])]
    menu = build_menu(basic, today=TODAY, categories=["Assurance"], tags=["risk"])
    assert menu.scope == "services tagged risk in Assurance"
    assert build_menu(basic, today=TODAY).scope == ""


def test_an_unknown_filter_says_what_there_is(basic: Catalogue) -> None:
    with pytest.raises(PmocatError, match="did you mean 'Assurance'"):
        build_menu(basic, today=TODAY, categories=["Asurance"])
    with pytest.raises(PmocatError, match="the menu has: 'assurance', 'coaching'"):
        build_menu(basic, today=TODAY, tags=["zzz"])


def test_the_menu_as_json_carries_machine_and_human_values(basic: Catalogue) -> None:
    data = build_menu(basic, today=TODAY).as_json()
    first = data["categories"][0]["services"][0]
    assert first["price"] == {"model": "fixed", "amount": "4500.00", "currency": "GBP",
                              "words": "£4,500 per review", "note": None}
    assert data["pmo"]["opening_hours"] == "Mon–Thu 09:00–17:30, Fri 09:00–12:00 and 13:00–16:00"
    assert data["generated"] == "2026-12-01"
    assert data["commit"] is None


def test_commit_of_a_folder_outside_git_is_none(tmp_path: Path) -> None:
    assert commit_of(tmp_path) is None


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_commit_of_a_repository_and_its_uncommitted_changes(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                        "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "pmo.yaml").write_text("name: x\n")
    git("add", "pmo.yaml")
    git("commit", "-q", "-m", "first")
    found = commit_of(tmp_path)
    assert found is not None and len(found.short) == 8 and not found.dirty
    int(found.short, 16)
    (tmp_path / "pmo.yaml").write_text("name: y\n")
    assert commit_of(tmp_path) == type(found)(found.short, dirty=True)


def test_owner_missing_from_the_roster_is_left_out(basic: Catalogue) -> None:
    stranger = service(owner="nobody", price={"model": "fixed", "amount": Decimal(10)})
    shop = Catalogue(root=basic.root, pmo=basic.pmo, services={"health-check": stranger})
    assert build_menu(shop, today=TODAY).services[0].owner is None
