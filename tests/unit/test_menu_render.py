"""Rendering the menu and the plan: escaping, safe Markdown, self-contained pages."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from pmocat.menu import build_menu
from pmocat.render import markdown as md
from pmocat.render.html import contact_link, css_string, markdown, render_menu_html
from pmocat.render.plan_html import heat_blocks, render_plan_html
from pmocat.sources.catalogue import Catalogue, load_catalogue

CASES = Path(__file__).resolve().parent.parent / "cases" / "menu"
TODAY = date(2026, 12, 1)


class Elements(HTMLParser):
    """Every element and attribute in a page, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


@pytest.fixture(scope="module")
def hostile() -> Catalogue:
    cat, _ = load_catalogue(str(CASES / "hostile" / "catalogue"))
    return cat


@pytest.fixture(scope="module")
def basic() -> Catalogue:
    cat, _ = load_catalogue(str(CASES / "basic" / "catalogue"))
    return cat


def test_markdown_keeps_formatting_and_drops_raw_html() -> None:
    html = markdown("**bold** <script>alert(1)</script>\n\n<div onclick='x'>block</div>")
    assert "<strong>bold</strong>" in html
    assert "<script" not in html and "<div" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("link", [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "data:text/html,x",
    "vbscript:x", "file:///etc/passwd", "/relative/page", "ftp://example.org/x",
])
def test_markdown_refuses_links_to_anything_but_web_and_mail(link: str) -> None:
    html = markdown(f"[click]({link}) and <{link}>")
    assert "href" not in html


def test_markdown_links_to_web_and_mail_addresses() -> None:
    html = markdown("[a](https://example.org/?a=1&b=2) [b](mailto:pmo@example.org)")
    assert '<a href="https://example.org/?a=1&amp;b=2">a</a>' in html
    assert '<a href="mailto:pmo@example.org">b</a>' in html


def test_markdown_images_become_links_and_fetch_nothing() -> None:
    html = markdown('![a chart <b>](https://example.org/c.png) ![x](javascript:alert(1))')
    assert "<img" not in html
    assert '<a href="https://example.org/c.png">a chart &lt;b&gt;</a>' in html


def test_markdown_headings_sit_below_the_service_name() -> None:
    assert markdown("# Top\n\n## Next\n\n#### Deep") == (
        "<h4>Top</h4>\n<h5>Next</h5>\n<h6>Deep</h6>\n")


@pytest.mark.parametrize("text", [
    'Acme "PMO"', "back\\slash", "</style><script>x</script>", "new\nline", "é ü — ·",
])
def test_css_string_cannot_break_out(text: str) -> None:
    quoted = str(css_string(text))
    assert quoted.startswith('"') and quoted.endswith('"')
    inner = quoted[1:-1]
    assert not re.search(r'(?<!\\)["\n<>]', inner.replace("\\\\", ""))
    unescaped = re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), inner)
    assert unescaped == text


def test_contact_links_mail_and_web_addresses_only() -> None:
    assert str(contact_link("pmo@acme.example")) == (
        '<a href="mailto:pmo@acme.example">pmo@acme.example</a>')
    assert str(contact_link("https://intranet.example/pmo")) == (
        '<a href="https://intranet.example/pmo">https://intranet.example/pmo</a>')
    assert str(contact_link("<b>ext</b> 1234")) == "&lt;b&gt;ext&lt;/b&gt; 1234"
    assert "href" not in str(contact_link("javascript:alert(1)"))


def test_html_escapes_every_piece_of_user_text(hostile: Catalogue) -> None:
    html = render_menu_html(build_menu(hostile, today=TODAY))
    tags = elements(html)
    assert [t for t, _ in tags if t in ("script", "img", "b", "i", "u")] == []
    assert all(not k.startswith("on") for _, attrs in tags for k in attrs)
    hrefs = [a["href"] for t, a in tags if t == "a" and a.get("href")]
    assert all(h and h.startswith(("#", "https:", "mailto:")) for h in hrefs), hrefs
    assert html.count("<style>") == 1 and html.count("</style>") == 1
    assert "&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_html_is_self_contained(basic: Catalogue) -> None:
    html = render_menu_html(build_menu(basic, today=TODAY))
    tags = elements(html)
    assert not [t for t, a in tags if "src" in a or t in ("link", "script", "iframe", "object")]
    assert "@import" not in html and "url(" not in html
    assert "Content-Security-Policy" in html


def test_html_keeps_each_service_in_one_unbreakable_block(basic: Catalogue) -> None:
    html = render_menu_html(build_menu(basic, today=TODAY))
    articles = [a for t, a in elements(html) if t == "article"]
    assert [a["id"] for a in articles] == [
        "svc-health-check", "svc-risk-review", "svc-lessons-learned", "svc-pmo-setup",
        "svc-monthly-report", "svc-coaching"]
    assert re.search(r"\.service,[^{]*\{[^}]*break-inside: avoid", html)
    assert "size: A4" in html and "counter(page)" in html


def test_markdown_text_shows_exactly_what_was_written() -> None:
    source = "# Not <b>bold</b> | *x* _y_ [z](w) &amp; & 50%"
    rendered = MarkdownIt("commonmark").render(md.text(source))
    assert rendered == "<p># Not &lt;b&gt;bold&lt;/b&gt; | *x* _y_ [z](w) &amp;amp; &amp; 50%</p>\n"
    assert MarkdownIt("commonmark").render(md.text("1. first")) == "<p>1. first</p>\n"
    assert MarkdownIt("commonmark").render(md.text("- item")) == "<p>- item</p>\n"


def test_markdown_descriptions_keep_markdown_but_not_html_or_unsafe_links() -> None:
    source = ("# Heading\n\nText <script>x</script> `<code>` [ok](https://a.example) "
              "[bad](javascript:alert(1))\n\n[ref]: javascript:alert(1)\n\n```\n<div>x</div>\n```")
    out = md.description(source)
    html = MarkdownIt("commonmark").render(out)
    assert "<h4>Heading</h4>" in html
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "<code>&lt;code&gt;</code>" in html
    assert '<a href="https://a.example">ok</a>' in html
    assert "javascript:" not in re.sub(r">[^<]*<", "><", html)
    assert "<pre><code>&lt;div&gt;x&lt;/div&gt;\n</code></pre>" in html


def test_an_unclosed_fence_is_closed() -> None:
    assert md.description("```\n<b>").endswith("```")


PLAN: dict[str, Any] = {
    "taken": ["REQ-2"],
    "declined": [{"request": "REQ-3", "short_hours": 12.5, "reasons": [
        {"code": "skill-shortfall", "message": "short 12.5 h of assurance (level 3+) by 5 Mar 2027",
         "skill": "assurance", "level": 3, "short_hours": 12.5}]},
                 {"request": "REQ-9", "short_hours": 0.0, "reasons": [
                     {"code": "unknown-service", "message": "no service <b>x</b>"}]}],
    "utilisation": [
        {"person": "ann", "week": "2027-W05", "booked_hours": 0.0, "available_hours": 37.5},
        {"person": "ann", "week": "2027-W06", "booked_hours": 37.5, "available_hours": 37.5},
        {"person": "bob", "week": "2027-W05", "booked_hours": 10.0, "available_hours": 37.5},
        {"person": "bob", "week": "2027-W06", "booked_hours": 0.0, "available_hours": 0.0},
    ],
}


@pytest.fixture
def booked(basic: Catalogue) -> Catalogue:
    from pmocat.models import Request

    requests = {str(r["id"]): Request.model_validate(r) for r in (
        {"id": "REQ-1", "service": "monthly-report", "customer": "Finance", "quantity": 3,
         "start": "2027-01-04", "status": "accepted", "priority": 1},
        {"id": "REQ-2", "service": "health-check", "customer": "HR <Systems>", "quantity": 2,
         "due": "2027-03-12", "priority": 2},
        {"id": "REQ-3", "service": "health-check", "customer": "IT", "due": "2027-03-05"},
    )}
    return Catalogue(root=basic.root, pmo=basic.pmo, services=basic.services,
                     people=basic.people, requests=requests)


def test_plan_report_lists_taken_declined_and_accepted(booked: Catalogue) -> None:
    html = render_plan_html(PLAN, booked, generated=TODAY)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "HR &lt;Systems&gt; Project health check 2 12 Mar 2027 2 £9,000" in text
    assert "Short 12.5 h of assurance (level 3+) by 5 Mar 2027" in text
    # one reason says the total itself: no "in all" line beside it
    assert "Short by 12.5 h in all" not in text and "REQ-3 priority 3" in text
    assert "REQ-9" in text and "No service &lt;b&gt;x&lt;/b&gt;" in text
    assert "Finance Monthly status report 3 months monthly 1 £900" in text
    assert "£9,000 value of the work taken" in text
    assert [t for t, _ in elements(html) if t in ("script", "b", "img")] == []
    assert "Made on 1 December 2026" in text


def test_heatmap_cells_show_the_share_booked() -> None:
    (block,) = heat_blocks(PLAN["utilisation"], {"ann": "Ann Lee", "bob": "Bob Stone"})
    assert [w.label for w in block.weeks] == ["W05", "W06"]
    assert [w.monday for w in block.weeks] == ["1 Feb", "8 Feb"]
    ann, bob = block.rows
    assert ann[0] == "Ann Lee" and [(c.level, c.text) for c in ann[1]] == [(0, ""), (5, "100")]
    assert [(c.level, c.text) for c in bob[1]] == [(2, "27"), (None, "–")]
    assert bob[1][0].title == "10 of 37.5 hours booked"


def test_heatmap_splits_long_horizons_into_even_blocks() -> None:
    weeks = [{"person": "ann", "week": f"2027-W{n:02d}", "booked_hours": 1.0,
              "available_hours": 10.0} for n in range(1, 41)]
    blocks = heat_blocks(weeks, {})
    assert [len(b.weeks) for b in blocks] == [10, 10, 10, 10]
    assert blocks[0].caption == "Weeks of 4 Jan – 14 Mar 2027"


def test_an_empty_menu_says_so(basic: Catalogue) -> None:
    empty = Catalogue(root=basic.root, pmo=basic.pmo)
    menu = build_menu(empty, today=TODAY)
    assert "Nothing is on the menu at the moment." in render_menu_html(menu)
    assert "*Nothing is on the menu at the moment.*" in md.render_menu_markdown(menu)


def _hrefs_and_images(markdown_text: str) -> tuple[list[str], list[str]]:
    html = MarkdownIt("commonmark").render(markdown_text)
    tags = elements(html)
    return [a.get("href") or "" for t, a in tags if t == "a"], [t for t, _ in tags if t == "img"]


@pytest.mark.parametrize("source", [
    "[A](java&#115;cript:alert(1))",  # an entity in the scheme
    "[A](\njavascript:alert(1))",  # the address on the next line
    "[A\nB](\n  JavaScript:alert(1)\n  \"title\"\n)",  # text and address split across lines
    "[A][r] and [r]\n\n[r]: javascript:alert(1)",  # a reference definition
    "[A][r]\n\n[r]:\n  java&#x73;cript:alert(1)",  # a definition split, with an entity
    "[A](<java\tscript:alert(1)>) <vbscript:x> [B](data:text/html,x)",
])
def test_markdown_menu_keeps_no_link_but_web_and_mail(source: str) -> None:
    out = md.description(source)
    assert "javascript:" not in out.lower() and "](" not in out
    hrefs, images = _hrefs_and_images(out)
    assert hrefs == [] and images == []
    assert "A" in out  # the link's words stay


def test_markdown_menu_turns_images_into_links() -> None:
    out = md.description("See ![a chart *now*](https://tracker.example/p.gif \"t\") and "
                         "![x](javascript:alert(1)).")
    assert "![" not in out
    assert out == 'See [a chart now](https://tracker.example/p.gif "t") and x.'
    assert _hrefs_and_images(out) == (["https://tracker.example/p.gif"], [])


def test_markdown_menu_writes_the_parsed_tree_back() -> None:
    source = ("Intro with **bold**, *em*, `co`de`` and a [link](https://a.example/x_(y) \"T\").\n"
              "Next line\\\nhard break.\n\n> quoted\n> - in a list\n\n3. three\n4. four\n\n"
              "- loose\n\n- list\n\n***\n\n    indented code\n\n~~~ python\n```\n~~~\n")
    out = md.description(source)
    html = MarkdownIt("commonmark").render
    assert html(out) == html(source)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="[]()!<>:&#;*_`\\\n -ajvsciptrh/.1", max_size=60))
def test_markdown_menu_never_links_elsewhere_or_fetches(source: str) -> None:
    out = md.description(source)
    hrefs, images = _hrefs_and_images(out)
    assert images == []
    assert all(h.lower().startswith(("http://", "https://", "mailto:")) for h in hrefs), (out, hrefs)
