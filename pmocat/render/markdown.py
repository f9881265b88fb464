"""The menu as Markdown, for wikis and README files.

Plain text from the catalogue is escaped so it reads as written. Descriptions are parsed
(CommonMark, raw HTML off) and written again from the parsed tree, so what a wiki renders
is what pmocat read: links only to http, https and mailto addresses (judged after entities
and whitespace are decoded, wherever the link came from: inline, across lines, a reference
definition), any other link as its text, images as links (a wiki fetches nothing), raw
HTML as text, and headings below the service's own.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from pmocat.render.html import safe_link, sentence
from pmocat.render.safe import plain
from pmocat.words import long_date

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

    from pmocat.menu import Menu, ServiceEntry

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=~-]|\d+(?=[.)]))")
_FENCE_INFO = re.compile(r"[\w.+#-]+")


def _escaped(value: str) -> str:
    """Text as Markdown that shows exactly that text, inside a line."""
    return _ENTITY.sub("&amp;", _INLINE_SPECIAL.sub(r"\\\1", value))


def _line_start(line: str) -> str:
    """A line that would begin a block (a heading, a quote, a list item) kept as text."""
    match = _LINE_START.match(line)
    if not match:
        return line
    lead, mark = match.groups()
    if mark[0].isdigit():
        return lead + mark + "\\" + line[match.end():]
    return lead + "\\" + line[len(lead):]


def text(value: str) -> str:
    """Plain text as Markdown that shows exactly that text, on one line."""
    return _line_start(_escaped(" ".join(value.split())))


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    # every link is parsed, so that an unsafe one can be written as its text alone
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def description(value: str) -> str:
    """A description's Markdown, written again from its parsed tree."""
    from markdown_it.tree import SyntaxTreeNode

    tree = SyntaxTreeNode(_parser().parse(value))
    return "\n".join(line.rstrip() for line in _blocks(tree.children, tight=False))


def _blocks(nodes: list[SyntaxTreeNode], *, tight: bool) -> list[str]:
    lines: list[str] = []
    for n, node in enumerate(nodes):
        if n and not tight:
            lines.append("")
        lines += _block(node)
    return lines


def _block(node: SyntaxTreeNode) -> list[str]:
    kind = node.type
    if kind == "paragraph":
        return [_line_start(line) for line in _inline(node.children).split("\n")]
    if kind == "heading":
        level = min(int(node.tag[1]) + 3, 6)
        return ["#" * level + " " + _inline(node.children).replace("\n", " ")]
    if kind in ("bullet_list", "ordered_list"):
        return _list(node)
    if kind == "blockquote":
        return [f"> {line}" if line else ">" for line in _blocks(node.children, tight=False)]
    if kind in ("fence", "code_block"):
        return _code(node)
    if kind == "hr":
        return ["***"]
    # nothing else is made with raw HTML off; whatever it is, its text and nothing more
    return [_line_start(line) for line in _escaped(node.content).split("\n") if line]


def _list(node: SyntaxTreeNode) -> list[str]:
    tight = any(child.hidden for item in node.children for child in item.children
                if child.type == "paragraph")
    number = int(str(node.attrs.get("start", 1))) if node.type == "ordered_list" else 0
    lines: list[str] = []
    for n, item in enumerate(node.children):
        if n and not tight:
            lines.append("")
        mark = f"{number + n}." if node.type == "ordered_list" else "-"
        indent = " " * (len(mark) + 1)
        body = _blocks(item.children, tight=tight) or [""]
        lines.append(f"{mark} {body[0]}".rstrip())
        lines += [indent + line if line else "" for line in body[1:]]
    return lines


def _code(node: SyntaxTreeNode) -> list[str]:
    content = node.content[:-1] if node.content.endswith("\n") else node.content
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * max(3, longest + 1)
    info = _FENCE_INFO.match(node.info.strip()) if node.type == "fence" else None
    return [fence + (info.group() if info else ""), *content.split("\n"), fence]


def _inline(nodes: list[SyntaxTreeNode]) -> str:
    return "".join(_span(node) for node in nodes)


def _span(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind == "inline":
        return _inline(node.children)
    if kind == "text":
        return _escaped(node.content)
    if kind == "softbreak":
        return "\n"
    if kind == "hardbreak":
        return "\\\n"
    if kind == "code_inline":
        longest = max((len(run) for run in re.findall(r"`+", node.content)), default=0)
        ticks = "`" * (longest + 1)
        pad = " " if node.content[:1] in ("`", " ") or node.content[-1:] in ("`", " ") else ""
        return f"{ticks}{pad}{node.content}{pad}{ticks}"
    if kind in ("em", "strong"):
        return f"{node.markup}{_inline(node.children)}{node.markup}"
    if kind == "link":
        href = str(node.attrs.get("href", ""))
        words = _inline(node.children)
        if not safe_link(href):
            return words
        if node.markup == "autolink" and node.info == "auto":
            return f"<{href}>"
        return f"[{words}]({_destination(href)}{_title(node)})"
    if kind == "image":  # a link to the picture, as in the HTML menu: a wiki fetches nothing
        src = str(node.attrs.get("src", ""))
        words = _escaped(_as_text(node.children)) or _escaped(src)
        return f"[{words}]({_destination(src)}{_title(node)})" if safe_link(src) else words
    return _escaped(node.content)


def _as_text(nodes: list[SyntaxTreeNode]) -> str:
    return "".join(node.content if node.type in ("text", "code_inline") else
                   " " if node.type in ("softbreak", "hardbreak") else _as_text(node.children)
                   for node in nodes)


def _destination(url: str) -> str:
    """A link's address as written back: parentheses and spaces kept from ending it."""
    return re.sub(r"([()\\<> ])", lambda m: f"%{ord(m.group()):02X}" if m.group() in "<> "
                  else "\\" + m.group(), url)


def _title(node: SyntaxTreeNode) -> str:
    title = str(node.attrs.get("title") or "")
    quoted = _escaped(title).replace('"', '\\"')
    return f' "{quoted}"' if title else ""


def _service(s: ServiceEntry) -> list[str]:
    badge = f" *({s.badge})*" if s.badge else ""
    price = f"**{text(s.price)}**" + (f" · {text(s.price_note)}" if s.price_note else "")
    facts = [("Notice", sentence(s.lead_time)), ("Duration", sentence(s.duration))]
    if s.seasons:
        facts.append(("Dates", sentence(s.seasons)))
    if s.customers:
        facts.append(("For", ", ".join(s.customers)))
    if s.sla:
        facts.append(("Promise", s.sla))
    if s.owner:
        facts.append(("Owner", s.owner))
    # one paragraph, not a list: a list here would merge with a list in the description
    lines = [f"### {text(s.name)}{badge}", "", price, "", text(s.summary), "",
             " · ".join(f"**{label}:** {text(value)}" for label, value in facts), ""]
    if s.description:
        lines += [description(s.description), ""]
    return lines


def render_menu_markdown(menu: Menu) -> str:
    lines = [f"# {text(menu.pmo)}: service menu", "",
             "What we offer, what it costs, and how much notice we need."]
    if menu.scope:
        lines[-1] += f" This edition shows only {text(menu.scope)}."
    lines += ["", f"- **Opening hours:** {text(menu.hours_summary)}"]
    if menu.public_holidays:
        lines[-1] += f". {text(menu.public_holidays)}"
    if menu.closures:
        lines.append("- **Closures coming up:** " + "; ".join(
            f"{text(c.name)}, {text(c.when)}" for c in menu.closures))
    if menu.contact:
        lines.append(f"- **Contact:** {text(menu.contact)}")
    lines.append(f"- **Prices** are in {text(menu.currency)}; notice and length are counted in open "
                 "days, the days we are open.")
    if menu.note:
        lines.append(f"- {text(menu.note)}")
    lines.append("")
    for category in menu.categories:
        lines += [f"## {text(category.name)}", ""]
        for service in category.services:
            lines += _service(service)
    if not menu.categories:
        lines += ["*Nothing is on the menu at the moment.*", ""]
    made = f"Made on {long_date(menu.generated)}"
    if menu.commit:
        made += f" from the catalogue at commit `{menu.commit}`"
        if menu.uncommitted:
            made += ", with changes not yet committed"
    lines += ["---", "", f"*{made}.*", ""]
    return plain("\n".join(lines))  # no control character reaches a terminal or a wiki
