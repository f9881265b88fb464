"""HTML pages from Jinja2 templates: one self-contained, print-ready file, all user text escaped.

Descriptions are Markdown rendered with raw HTML off, images as links (a printed page
fetches nothing) and links only to http, https and mailto addresses.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from pmocat.render.safe import plain
from pmocat.words import long_date

if TYPE_CHECKING:
    from collections.abc import MutableMapping, Sequence

    from markdown_it import MarkdownIt
    from markdown_it.renderer import RendererHTML
    from markdown_it.token import Token
    from markdown_it.utils import OptionsDict

    from pmocat.menu import Menu

SAFE_SCHEMES = ("http://", "https://", "mailto:")
_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+\Z")


def safe_link(url: str) -> bool:
    """Whether a parsed link's address (entities decoded, percent-encoded) may be a link."""
    return url.strip().lower().startswith(SAFE_SCHEMES)


def _image_as_link(renderer: RendererHTML, tokens: Sequence[Token], idx: int,
                   options: OptionsDict, env: MutableMapping[str, object]) -> str:
    from markdown_it.common.utils import escapeHtml

    token = tokens[idx]
    src = escapeHtml(str(token.attrGet("src") or ""))
    alt = renderer.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{src}">{escapeHtml(alt)}</a>'


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = safe_link  # type: ignore[method-assign]
    md.add_render_rule("image", _image_as_link)
    return md


def markdown(text: str) -> Markup:
    """Markdown to HTML; headings move below the service's own h3."""
    md = _markdown()
    tokens = md.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 3, 6)}"
    return Markup(md.renderer.render(tokens, md.options, {}))


def sentence(text: str) -> str:
    """First letter up, the rest as written: 'book 5 working days ahead' -> 'Book 5 …'."""
    return text[:1].upper() + text[1:]


def css_string(text: str) -> Markup:
    """Text as a quoted CSS string that cannot end the string or the <style> element."""
    body = "".join(ch if ch.isalnum() or ch in " .,:;!?'()-–—·&/" else f"\\{ord(ch):x} "
                   for ch in text)
    return Markup(f'"{body}"')


def contact_link(contact: str) -> Markup:
    """An e-mail address or web address as a link; anything else as text."""
    text = contact.strip()
    if _EMAIL.match(text):
        return Markup('<a href="mailto:{0}">{0}</a>').format(text)
    if text.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in text):
        return Markup('<a href="{0}">{0}</a>').format(text)
    return escape(text)


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("pmocat", "templates"), autoescape=True,
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters.update(markdown=markdown, sentence=sentence, long_date=long_date,
                       css_string=css_string, contact_link=contact_link)
    return env


def stylesheet() -> Markup:
    """The shared stylesheet, inlined so the page needs nothing else."""
    env = environment()
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, "pmocat.css")
    return Markup(source)


def render_page(template: str, *, running_title: str, **context: Any) -> str:
    page = environment().get_template(template)
    # a control character in a name would reach the terminal the page is printed on
    return plain(page.render(css=stylesheet(), running_title=running_title, **context))


def render_menu_html(menu: Menu) -> str:
    """The menu as one self-contained HTML page, print-ready for A4."""
    return render_page("menu.html", menu=menu, running_title=f"{menu.pmo} · Service menu")
