"""The answer to "can we take this request?", for people (a panel) and for machines (JSON)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pmocat.planning.can_take import Answer
from pmocat.planning.reasons import NoticeTooShort, Reason, SkillShortfall, WindowTooShort
from pmocat.render.reasons import (
    dated_way,
    notice_words,
    reason_json,
    reason_words,
    shortfall_words,
)
from pmocat.render.safe import one_line, plain, string_console
from pmocat.words import date_words, day_words, hours, money, plural, span_words
from pmocat.words import open_days as open_day_words


def _hours(value: float) -> float:
    return round(value + 0.0, 2)


def as_json(answer: Answer, *, inline: bool = False) -> dict[str, Any]:
    """Exactly the spec's §4 JSON object (`request` is null for a request described by
    options: it has no id)."""
    two = "{:.2f}".format
    found: dict[str, Any] = {
        "request": None if inline else answer.request.id,
        "service": answer.request.service,
        "verdict": answer.verdict,
        "window": {
            "start": answer.window_start.isoformat() if answer.window_start else None,
            "due": answer.window_due.isoformat() if answer.window_due else None,
            "open_days": answer.open_days,
        },
        "demand_hours": _hours(answer.demand_hours),
        "short_hours": _hours(answer.short_hours),
        "reasons": [reason_json(r, answer.today) for r in answer.reasons],
        "warnings": [notice_words(w) for w in answer.warnings],
        "staffing": [{"person": p, "skill": s, "hours": _hours(h)} for p, s, h in answer.staffing],
        "price": two(answer.price) if answer.price is not None else None,
        "cost": two(answer.cost) if answer.cost is not None else None,
        "margin": two(answer.margin) if answer.margin is not None else None,
        "currency": answer.currency,
        "earliest_due": answer.earliest_due.isoformat() if answer.earliest_due else None,
        "max_quantity": answer.max_quantity,
    }
    if answer.service is not None and any(line.max_people for line in answer.service.recipe):
        # who works each unit of a line that cannot be split (spec §3.1)
        found["units"] = [
            {"unit": u.unit, "skill": u.skill, "level": u.level, "max_people": u.max_people,
             "people": [{"person": pid, "hours": _hours(h)} for pid, h in u.people]}
            for u in answer.units if u.max_people is not None]
    return found


def render_json(answer: Answer, catalogue_warnings: Sequence[str] = (), *, inline: bool = False) -> str:
    """The JSON object, its warnings followed by the catalogue's warnings about this request
    (its service, ingredients and the people qualified for it)."""
    found = as_json(answer, inline=inline)
    found["warnings"] = [*found["warnings"], *catalogue_warnings]
    return json.dumps(found, indent=2, ensure_ascii=False) + "\n"


def render_md(answer: Answer, *, inline: bool = False, customer: bool = True) -> str:
    """A short reply to paste into an email or a ticket to the requester: the verdict, the
    cause, the way to a yes and the price, in Markdown (catalogue text escaped)."""
    from pmocat.render.markdown import text

    lines = [f"**{text(request_words(answer, inline=inline, customer=customer))}**", ""]
    if answer.verdict == "yes":
        lines.append(text(headline(answer, inline=inline, customer=customer)))
    else:
        said = causes(answer)
        if len(said) == 1:
            lines.append(f"No. {text(said[0])}")
        else:
            lines += ["No:", ""] + [f"- {text(sentence)}" for sentence in said]
        lines += [line for way in ways(answer) for line in ("", text(way))]
    if answer.price is not None:
        price = money(answer.price, answer.currency)
        if answer.request.budget is not None:
            price += f" (budget {money(answer.request.budget, answer.currency)})"
        lines += ["", f"Price: {text(price)}."]
    return plain("\n".join(lines)) + "\n"  # no control character reaches a terminal or a ticket


def request_words(answer: Answer, *, inline: bool = False, customer: bool = True) -> str:
    """'REQ-006: 10 × Project health check for Group IT Portfolio'; a request described by
    options has no id, and is named by its service and quantity ('1 × Project health
    check', with 'for …' only when a customer was given)."""
    request = answer.request
    service = answer.service.name if answer.service else request.service
    said = f"{request.quantity} × {service}" + (f" for {request.customer}" if customer else "")
    return said if inline else f"{request.id}: {said}"


def headline(answer: Answer, *, inline: bool = False, customer: bool = True) -> str:
    """The answer in sentences a PMO lead can say out loud: the verdict, each cause, and
    the way to a yes."""
    today = answer.today
    if answer.verdict == "yes":
        due = date_words(answer.window_due, today) if answer.window_due else "the due date"
        if answer.when:
            named = request_words(answer, inline=True, customer=customer)
            return f"Yes — {named}: the earliest we can deliver is {due}."
        service = answer.service.name if answer.service else answer.request.service
        return f"Yes — we can deliver {answer.request.quantity} × {service} by {due}."
    return " ".join(["No.", *causes(answer), *ways(answer)])


def _sentence(clause: str) -> str:
    clause = clause[:1].upper() + clause[1:]
    return clause if clause.endswith((".", "?", "!")) else clause + "."


def causes(answer: Answer) -> list[str]:
    """Each cause of a no as a sentence, most fundamental first; the skills short in one."""
    today = answer.today
    said: list[str] = []
    if answer.when and answer.earliest_due is None and answer.window_due is not None:
        said.append(f"We looked as far as {date_words(answer.window_due, today)} and found no "
                    "date that works.")
    short = [r for r in answer.reasons if isinstance(r, SkillShortfall)]
    ways = [dated_way(r) for r in answer.reasons]
    for n, reason in enumerate(answer.reasons):
        if isinstance(reason, SkillShortfall):
            if reason is short[0]:
                said.append(_sentence("we're " + shortfall_words(short, today)))
        else:
            # a licence and a season that end on the same day offer one way: said once, last
            again = ways[n] is not None and ways[n] in ways[n + 1:]
            said.append(_sentence(reason_words(reason, today, way=not again) + _notice_leaves(answer, reason)))
    return said


def _notice_leaves(answer: Answer, reason: Reason) -> str:
    """What the notice period leaves of the dates asked for, when no other cause says it:
    ', which leaves only 7 open days to 16 Dec; it needs 10'."""
    service, due, today = answer.service, answer.window_due, answer.today
    if (not isinstance(reason, NoticeTooShort) or service is None or due is None
            or service.price.model == "per_month"
            or any(isinstance(r, WindowTooShort) for r in answer.reasons)):
        return ""
    if due < reason.earliest_start:
        return f", after its due date, {date_words(due, today)}"
    left = "no open days" if answer.open_days == 0 else f"only {open_day_words(answer.open_days)}"
    return f", which leaves {left} to {date_words(due, today)}; it needs {service.duration_days}"


def ways(answer: Answer) -> list[str]:
    """The way to a yes that moving the due date or taking fewer units offers, as a
    sentence (the ways a cause offers itself, such as a budget's, are in its own words)."""
    request, due, today = answer.request, answer.window_due, answer.today
    later = answer.earliest_due is not None and due is not None and answer.earliest_due > due
    fewer = 0 < answer.max_quantity < request.quantity and due is not None
    offers = []
    if later:
        assert answer.earliest_due is not None
        what = "it" if request.quantity == 1 else f"all {request.quantity}"
        offers.append(f"deliver {what} by {date_words(answer.earliest_due, today)}")
    if fewer:
        assert due is not None
        same_year = later and answer.earliest_due is not None and answer.earliest_due.year == due.year
        by = day_words(due, year=False) if same_year else date_words(due, today)
        offers.append(f"{answer.max_quantity} of the {request.quantity} by {by}")
    if not offers:
        return []
    return [_sentence("we could " + (", or ".join(offers) if later else "deliver " + offers[0]))]


def render_text(answer: Answer, *, names: dict[str, str], costs: dict[str, Any],
                color: bool = False, width: int = 100, inline: bool = False,
                customer: bool = True) -> str:
    """The panel. Every cell is a rich `Text` of `one_line` text: a name like `Health check
    [/v2]` or `[draft]` is shown as written, never read as markup, and no control or bidi
    character from the catalogue reaches the terminal."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    def cell(words: str, style: str = "") -> Text:
        # one line: a name with a line break in it cannot draw a line of its own
        return Text(one_line(words), style=style)

    console, out = string_console(width, color)
    yes = answer.verdict == "yes"
    body: list[Any] = [cell(headline(answer, inline=inline, customer=customer),
                            "bold green" if yes else "bold red")]
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim")
    facts.add_column()
    request, today = answer.request, answer.today
    facts.add_row("Request", cell(request_words(answer, inline=inline, customer=customer)))
    start, due = answer.window_start, answer.window_due
    no_window = start is not None and due is not None and start > due
    if no_window:
        assert start is not None and due is not None
        facts.add_row("Window", f"none: the earliest start, {date_words(start, today)}, "
                                f"is after the due date, {date_words(due, today)}")
    elif start and due:
        # past the horizon its open days are not known: the refusal says so
        beyond = any(r.code == "beyond-horizon" for r in answer.reasons)
        facts.add_row("Window", span_words(start, due, today) +
                      ("" if beyond else f" ({plural(answer.open_days, 'open day')})"))
    if answer.service is not None:  # an unknown service has no recipe to count
        # hours are short only when people are: a calendar refusal above says why it is no
        facts.add_row("Work", f"{hours(answer.demand_hours)} h" +
                      (f", {hours(answer.short_hours)} h short" if answer.shortfalls else ""))
    if answer.price is not None:
        line = f"price {money(answer.price, answer.currency)}"
        # the cost of a staffing that does only part of the work, or crams it into a window
        # refused as too short, is not what the request would cost: no margin from it
        staffed = sum(h for _, _, h in answer.staffing)
        real = (answer.short_hours == 0 and all(r.code == "over-budget" for r in answer.reasons)
                and staffed >= answer.demand_hours - 0.01 * (1 + len(answer.staffing)))
        if answer.cost is not None and answer.staffing and real:
            line += f", cost {money(answer.cost, answer.currency)}"
            margin = answer.margin
            if margin is not None:
                line += f", margin {money(margin, answer.currency)}"
        if request.budget is not None:
            line += f" (budget {money(request.budget, answer.currency)})"
        facts.add_row("Money", cell(line))
    if answer.earliest_due and answer.window_due and answer.earliest_due > answer.window_due:
        facts.add_row("Earliest due", date_words(answer.earliest_due, today))
    if answer.max_quantity < request.quantity and request.quantity > 1:
        # of one unit, '0 of 1' says only the verdict again
        facts.add_row("Most units by due", f"{answer.max_quantity} of {request.quantity}")
    body += [Text(), facts]
    if answer.shortfalls:
        short = Table(title="Short of", title_justify="left", box=None, padding=(0, 2))
        for column in ("skill", "level", "short", "qualified people's free hours in the window"):
            short.add_column(column)
        for s in answer.shortfalls:
            short.add_row(cell(s.skill), f"{s.level}+", f"{hours(s.short_hours)} h",
                          cell(_free_by_person(s.free, names)))
        body += [Text(), short]
    if answer.staffing and (yes or answer.shortfalls):
        # staffing is the question only for a yes or a skill shortfall
        title = "Who could do the part that fits" if answer.short_hours else "Who would do it"
        staff = Table(title=title, title_justify="left", box=None, padding=(0, 2))
        for column, justify in (("person", "left"), ("skill", "left"), ("hours", "right"), ("cost", "right")):
            staff.add_column(column, justify=justify)  # type: ignore[arg-type]
        for pid, skill, worked in answer.staffing:
            cost = costs.get(pid)
            staff.add_row(cell(names.get(pid, pid)), cell(skill), hours(worked),
                          money(cost * _decimal(worked), answer.currency) if cost is not None else "")
        body += [Text(), staff]
    whole = [u for u in answer.units if u.max_people is not None]
    if whole and (yes or answer.shortfalls):
        each = Table(title="Who does each one", title_justify="left", box=None, padding=(0, 2))
        for column, justify in (("unit", "right"), ("skill", "left"), ("people", "left")):
            each.add_column(column, justify=justify)  # type: ignore[arg-type]
        for u in whole:
            each.add_row(str(u.unit), cell(u.skill), cell(", ".join(
                f"{names.get(pid, pid)} {hours(h)} h" for pid, h in u.people)))
        body += [Text(), each]
    for warning in answer.warnings:
        body += [cell("warning: " + notice_words(warning), "yellow")]
    asked = request_words(answer, inline=True, customer=False) if inline else request.id
    heading = Text.assemble("Can we take ", one_line(asked), "? ",
                            ("YES", "bold green") if yes else ("NO", "bold red"))
    console.print(Panel(Group(*body), title=heading, title_align="left",
                        border_style="green" if yes else "red", padding=(1, 2)))
    return out.getvalue()


def _free_by_person(free: list[tuple[str, float]], names: dict[str, str], most: int = 5) -> str:
    """The qualified people with the most free hours first; the rest counted."""
    ranked = sorted(((pid, h) for pid, h in free if h > 0.005), key=lambda f: (-f[1], f[0]))
    if not ranked:
        return "nobody has any hours free"
    words = ", ".join(f"{names.get(pid, pid)} {hours(h)} h" for pid, h in ranked[:most])
    if len(ranked) > most:
        rest = ranked[most:]
        words += f", and {len(rest)} more with {hours(sum(h for _, h in rest))} h"
    return words


def _decimal(hours: float) -> Any:
    from decimal import Decimal

    return Decimal(str(hours))
