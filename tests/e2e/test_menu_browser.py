"""The menu and the plan report in a real browser: printed to PDF by headless Chromium, read
back page by page; and hostile descriptions loaded to show that nothing in them runs.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmocat.cli import app
from pmocat.menu import Menu, ServiceEntry, build_menu
from pmocat.sources.catalogue import load_catalogue
from tests.conftest import CATALOGUE, TODAY
from tests.e2e.conftest import pdf_pages

pytestmark = pytest.mark.browser

BASIC = Path(__file__).resolve().parent.parent / "cases" / "menu" / "basic" / "catalogue"
TEXT = ("The PMO reviews the plan, the RAID log and the finances with the project team, "
        "then writes up what it found and what to do about it, with an owner for each "
        "action and a date by which it should be done.")


def menu_file(catalogue: Path, out: Path, *args: str) -> Path:
    result = CliRunner().invoke(app, ["menu", str(catalogue), "-o", str(out), "--today", TODAY,
                                      *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return out


def view(catalogue: Path) -> Menu:
    cat, _ = load_catalogue(str(catalogue))
    return build_menu(cat, today=date.fromisoformat(TODAY))


def page_of(service: ServiceEntry, pages: list[str], *last: str) -> int:
    """The one page holding the whole of a service: name, price, summary, notice, duration
    and any `last` words (the end of its description)."""
    marks = [service.name, service.price, " ".join(service.summary.split()),
             service.lead_time[:1].upper() + service.lead_time[1:],
             service.duration[:1].upper() + service.duration[1:], *last]
    holding = [n for n, text in enumerate(pages) if all(m in text for m in marks)]
    assert holding, f"{service.name!r} is split across pages, or missing: " + ", ".join(
        f"{m!r} on {[n + 1 for n, t in enumerate(pages) if m in t]}" for m in marks)
    return holding[0]


def long_catalogue(root: Path, services: int = 24) -> Path:
    """A catalogue whose menu runs to several pages, with services of very different lengths."""
    shutil.copytree(BASIC, root)
    for old in (root / "services").glob("*.yaml"):
        old.unlink()
    categories = ("Assurance", "Portfolio office", "Training and coaching")
    words = TEXT.split()
    for n in range(services):
        paragraphs = "\n\n".join(
            " ".join(words[(n + k) % 7:]) for k in range(1 + n % 5))
        description = textwrap.indent(
            f"{paragraphs}\n\n- one\n- two\n- the last point of service {n:02d}", "  ")
        (root / "services" / f"service-{n:02d}.yaml").write_text(
            f"id: service-{n:02d}\nname: Service {n:02d}\n"
            f"category: {categories[n % 3]}\nstatus: {'pilot' if n % 6 == 5 else 'live'}\n"
            f"summary: Summary of service {n:02d}, which does one useful thing for a project.\n"
            f"description: |\n{description}\n"
            f"customers: [Project managers, Programme boards]\nowner: ann\n"
            f"recipe:\n  - {{skill: assurance, level: 3, hours: {4 + n}}}\n"
            f"lead_time_days: {n % 4}\nduration_days: {1 + n % 9}\n"
            f"price: {{model: fixed, amount: {1000 + 250 * n}}}\n",
            encoding="utf-8")
    return root


def test_every_service_and_price_is_printed_whole_on_one_page(
        tmp_path: Path, print_pdf: Callable[[Path], Path]) -> None:
    catalogue = long_catalogue(tmp_path / "catalogue")
    pages = pdf_pages(print_pdf(menu_file(catalogue, tmp_path / "menu.html")))
    assert len(pages) >= 3, "the test catalogue should need several pages"
    menu = view(catalogue)
    where = [page_of(s, pages, f"the last point of {s.name.lower()}") for s in menu.services]
    assert where == sorted(where), "services are printed in menu order"
    assert len(set(where)) >= 3
    for n, text in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in text


def test_the_bundled_menu_prints_every_service_with_its_price(
        tmp_path: Path, print_pdf: Callable[[Path], Path]) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, catalogue)
    pages = pdf_pages(print_pdf(menu_file(catalogue, tmp_path / "menu.html")))
    menu = view(catalogue)
    assert menu.services, "the bundled catalogue has services on the menu"
    for service in menu.services:
        page_of(service, pages)
    first = pages[0]
    assert menu.pmo in first and "Opening hours".upper() in first.upper()
    assert menu.hours[0][0] in first


def test_a_pilot_is_badged_and_planned_services_stay_off_the_menu(
        tmp_path: Path, print_pdf: Callable[[Path], Path]) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASIC, catalogue)
    text = " ".join(pdf_pages(print_pdf(menu_file(catalogue, tmp_path / "menu.html"))))
    assert re.search(r"Risk review\s+PILOT", text)
    assert "Maturity assessment" not in text and "Gateway review" not in text
    assert "£4,500 per review" in text and "£1,800.50 per engagement" in text
    assert "Free" in text and "£95 an hour" in text and "£300 a month" in text


HOSTILE_DESCRIPTION = """\
  <script>document.title='pwned'</script>

  Hello <img src=x onerror="document.title='pwned'; document.body.dataset.pwned=1">

  <svg onload="document.title='pwned'"></svg> [click](javascript:document.title='pwned')
"""


def test_hostile_text_runs_nothing_in_the_browser(
        tmp_path: Path, dump_dom: Callable[[Path], str]) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASIC, catalogue)
    path = catalogue / "services" / "health-check.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"description: \|\n(  .*\n|\n)*", "description: |\n" + HOSTILE_DESCRIPTION, text)
    text = text.replace("name: Project health check",
                        "name: \"Check <script>document.title='pwned'</script>\"")
    path.write_text(text, encoding="utf-8")
    page = menu_file(catalogue, tmp_path / "menu.html")
    dom = dump_dom(page)
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert title and title.group(1) == "Tarn Valley Council PMO: service menu"
    assert "pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]
    assert not re.search(r"<(script|img|svg)\b", dom, re.I)
    assert "javascript:" not in " ".join(re.findall(r'href="([^"]*)"', dom))
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert "Hello &lt;img src=x onerror=" in dom


def test_the_check_above_would_see_a_script_run(
        tmp_path: Path, dump_dom: Callable[[Path], str]) -> None:
    """The browser check is real: the same page with the text let through unescaped runs it."""
    page = tmp_path / "unsafe.html"
    page.write_text("<!DOCTYPE html><html><head><title>Menu</title></head><body><p>Hello "
                    "<img src=x onerror=\"document.title='pwned'\"></p></body></html>",
                    encoding="utf-8")
    assert "<title>pwned</title>" in dump_dom(page)


def test_the_plan_report_prints(tmp_path: Path, print_pdf: Callable[[Path], Path]) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, catalogue)
    out = tmp_path / "plan.html"
    result = CliRunner().invoke(app, ["plan", str(catalogue), "--today", TODAY, "--format", "html",
                                      "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    text = " ".join(pdf_pages(print_pdf(out)))
    assert "Book of work".upper() in text.upper()
    assert "We can take" in text and "Utilisation, week by week" in text
    cat, _ = load_catalogue(str(catalogue))
    for person in cat.people.values():
        assert person.name in text
