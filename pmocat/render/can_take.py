"""The answer to "can we take this request?", for people (a panel) and for machines (JSON)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pmocat.planning.can_take import Answer
from pmocat.planning.reasons import SkillShortfall
from pmocat.render.reasons import notice_words, reason_json, reason_words
from pmocat.render.safe import one_line, string_console
from pmocat.words import day_words, hours, money, plural, words_list


def _hours(value: float) -> float:
    return round(value + 0.0, 2)


def as_json(answer: Answer) -> dict[str, Any]:
    """Exactly the spec's §4 JSON object."""
    two = "{:.2f}".format
    return {
        "request": answer.request.id,
        "service": answer.request.service,
        "verdict": answer.verdict,
        "window": {
            "start": answer.window_start.isoformat() if answer.window_start else None,
            "due": answer.window_due.isoformat() if answer.window_due else None,
            "open_days": answer.open_days,
        },
        "demand_hours": _hours(answer.demand_hours),
        "short_hours": _hours(answer.short_hours),
        "reasons": [reason_json(r) for r in answer.reasons],
        "warnings": [notice_words(w) for w in answer.warnings],
        "staffing": [{"person": p, "skill": s, "hours": _hours(h)} for p, s, h in answer.staffing],
        "price": two(answer.price) if answer.price is not None else None,
        "cost": two(answer.cost) if answer.cost is not None else None,
        "margin": two(answer.margin) if answer.margin is not None else None,
        "currency": answer.currency,
        "earliest_due": answer.earliest_due.isoformat() if answer.earliest_due else None,
        "max_quantity": answer.max_quantity,
    }


def render_json(answer: Answer, catalogue_warnings: Sequence[str] = ()) -> str:
    """The JSON object, its warnings followed by the catalogue's warnings about this request
    (its service, ingredients and the people qualified for it)."""
    found = as_json(answer)
    found["warnings"] = [*found["warnings"], *catalogue_warnings]
    return json.dumps(found, indent=2, ensure_ascii=False) + "\n"


def headline(answer: Answer) -> str:
    """One sentence a PMO lead can say out loud."""
    request = answer.request
    if answer.verdict == "yes":
        return (f"Yes — we can deliver {request.quantity} × {answer.service.name if answer.service else request.service} "
                f"by {day_words(answer.window_due) if answer.window_due else 'the due date'}.")
    short = [r for r in answer.reasons if isinstance(r, SkillShortfall)]
    parts = [reason_words(r) for r in answer.reasons if not isinstance(r, SkillShortfall)]
    if len(short) == 1:
        parts.insert(0, reason_words(short[0]))
    elif short and answer.window_start and answer.window_due:
        each = [f"{hours(r.short_hours)} h of {r.skill} (level {r.level}+)" for r in short]
        parts.insert(0, f"short {hours(answer.short_hours)} h between "
                        f"{day_words(answer.window_start, year=False)} and "
                        f"{day_words(answer.window_due)}: {words_list(each)}")
    text = "No — " + "; ".join(parts)
    if parts and not text.endswith((".", "?", "!")):
        text += "."
    offers = []
    if answer.earliest_due is not None and answer.window_due and answer.earliest_due > answer.window_due:
        offers.append(f"could deliver by {day_words(answer.earliest_due)}")
    if 0 < answer.max_quantity < request.quantity:
        offers.append(f"or take {answer.max_quantity} of {request.quantity} now")
    if offers:
        sentence = ", ".join(offers)
        text += " " + sentence[0].upper() + sentence[1:] + "."
    return text


def render_text(answer: Answer, *, names: dict[str, str], costs: dict[str, Any],
                color: bool = False, width: int = 100) -> str:
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
    body: list[Any] = [cell(headline(answer), "bold green" if yes else "bold red")]
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim")
    facts.add_column()
    request = answer.request
    service = answer.service.name if answer.service else request.service
    facts.add_row("Request", cell(f"{request.id}: {request.quantity} × {service} for {request.customer}"))
    start, due = answer.window_start, answer.window_due
    no_window = start is not None and due is not None and start > due
    if no_window:
        assert start is not None and due is not None
        facts.add_row("Window", f"none: the earliest start, {day_words(start)}, "
                                f"is after the due date, {day_words(due)}")
    elif answer.window_start and answer.window_due:
        facts.add_row("Window", f"{day_words(answer.window_start)} to {day_words(answer.window_due)} "
                                f"({plural(answer.open_days, 'open day')})")
    if answer.service is not None:  # an unknown service has no recipe to count
        # with no window there is nothing to be short of: the refusal above says why
        facts.add_row("Work", f"{hours(answer.demand_hours)} h" +
                      (f", {hours(answer.short_hours)} h short"
                       if answer.short_hours and not no_window else ""))
    if answer.price is not None:
        line = f"price {money(answer.price, answer.currency)}"
        if answer.cost is not None and answer.staffing:
            line += f", cost {money(answer.cost, answer.currency)}"
            margin = answer.margin
            if margin is not None:
                line += f", margin {money(margin, answer.currency)}"
        if request.budget is not None:
            line += f" (budget {money(request.budget, answer.currency)})"
        facts.add_row("Money", cell(line))
    if answer.earliest_due and answer.window_due and answer.earliest_due > answer.window_due:
        facts.add_row("Earliest due", day_words(answer.earliest_due))
    if answer.max_quantity < request.quantity:
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
    if answer.staffing:
        title = "Who could do the part that fits" if answer.short_hours else "Who would do it"
        staff = Table(title=title, title_justify="left", box=None, padding=(0, 2))
        for column, justify in (("person", "left"), ("skill", "left"), ("hours", "right"), ("cost", "right")):
            staff.add_column(column, justify=justify)  # type: ignore[arg-type]
        for pid, skill, worked in answer.staffing:
            cost = costs.get(pid)
            staff.add_row(cell(names.get(pid, pid)), cell(skill), hours(worked),
                          money(cost * _decimal(worked), answer.currency) if cost is not None else "")
        body += [Text(), staff]
    for warning in answer.warnings:
        body += [cell("warning: " + notice_words(warning), "yellow")]
    heading = Text.assemble("Can we take ", one_line(request.id), "? ",
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
