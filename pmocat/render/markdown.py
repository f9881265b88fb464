"""The menu as Markdown, for wikis and README files.

Plain text from the catalogue is escaped so it reads as written; descriptions stay Markdown,
but raw HTML in them is neutralised, since many wikis would pass it through.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pmocat.render.html import sentence
from pmocat.words import long_date

if TYPE_CHECKING:
    from pmocat.menu import Menu, ServiceEntry

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=~-]|\d+(?=[.)]))")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=\s|$)")
#: a link or image whose address has a scheme other than http, https or mailto
_UNSAFE_LINK = re.compile(r"\]\((?=\s*<?\s*(?!https?:|mailto:)[A-Za-z][A-Za-z0-9+.-]*:)")
_UNSAFE_DEFINITION = re.compile(
    r"^( {0,3})\[(?=[^\]]+\]:\s*<?\s*(?!https?:|mailto:)[A-Za-z][A-Za-z0-9+.-]*:)")


def text(value: str) -> str:
    """Plain text as Markdown that shows exactly that text, on one line."""
    flat = " ".join(value.split())
    flat = _ENTITY.sub("&amp;", _INLINE_SPECIAL.sub(r"\\\1", flat))
    match = _LINE_START.match(flat)
    if match:
        lead, mark = match.groups()
        flat = (lead + mark + "\\" + flat[match.end():]) if mark[0].isdigit() else (
            lead + "\\" + flat[len(lead):])
    return flat


def _defused(line: str) -> str:
    """Outside code spans: '<' as an entity, never read as a tag, and links to addresses
    other than http, https and mailto broken, so they show as the text written."""
    parts = re.split(r"(`+[^`]*`+)", line)
    line = "".join(
        p if p.startswith("`") else _UNSAFE_LINK.sub(r"]\\(", p.replace("<", "&lt;"))
        for p in parts)
    return _UNSAFE_DEFINITION.sub(r"\1\\[", line)


def description(value: str) -> str:
    """A description's Markdown, kept, with raw HTML and unsafe links outside code turned
    into text and headings moved below the service's own."""
    out, fence = [], None
    for line in value.strip().splitlines():
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0]
        elif fence is not None and match and match.group(1)[0] == fence:
            fence = None
        elif fence is None:
            line = _HEADING.sub(lambda m: m.group(1) + "#" * min(len(m.group(2)) + 3, 6),
                                _defused(line))
        out.append(line.rstrip())
    if fence is not None:
        out.append(fence * 3)
    return "\n".join(out)


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
    lines.append(f"- **Prices** are in {text(menu.currency)}; notice is counted in our working days.")
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
    return "\n".join(lines)
