"""The book of work for people (a table and a utilisation heatmap) and for machines (JSON)."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from pmocat.planning.plan import Plan, Progress, StaffLine, Utilisation
from pmocat.planning.reasons import Reason
from pmocat.render.reasons import reason_json, reason_words
from pmocat.render.safe import one_line, string_console
from pmocat.words import day_words, gap_words, hours, people_words, percent, period_words, plural

if TYPE_CHECKING:
    from rich.console import Console

_SHADES = [(0.0, " ", "dim"), (0.25, "░", "green"), (0.6, "▒", "yellow"), (0.85, "▓", "dark_orange"),
           (1.0001, "█", "red")]


def as_json(plan: Plan, goal: str | None = None) -> dict[str, Any]:
    """Exactly the spec's §5 JSON object; with a time limit on --optimize, also how far
    below the best possible the set may be ("optimality_gap": a share, 0.0 when proved)."""
    found: dict[str, Any] = {
        "taken": plan.taken,
        "declined": [
            {"request": d.request.id, "reasons": [_reason_json(r) for r in d.reasons],
             "short_hours": round(d.short_hours, 2)}
            for d in plan.decisions if not d.taken
        ],
        **({"staffing": [
            {"request": line.request, "person": line.person, "skill": line.skill,
             "hours": line.hours, "from": line.first.isoformat(), "to": line.last.isoformat()}
            for line in plan.staffing]} if plan.staffing else {}),
        "utilisation": [
            {"person": u.person, "week": u.week, "booked_hours": u.booked_hours,
             "available_hours": u.available_hours}
            for u in plan.utilisation
        ],
    }
    if plan.gap is not None:
        found["optimality_gap"] = round(plan.gap, 4)
        found["optimality"] = gap_words(plan.gap, goal or "revenue", plan.gap_level)
    return found


def _reason_json(reason: Reason) -> dict[str, object]:
    found = reason_json(reason)
    if reason.code == "over-budget":  # the plan's JSON has never listed the price and budget
        return {"code": found["code"], "message": found["message"]}
    return found


def render_json(plan: Plan, goal: str | None = None) -> str:
    return json.dumps(as_json(plan, goal), indent=2, ensure_ascii=False) + "\n"


def progress_words(progress: Progress) -> str:
    """How far the plan has got, for a person waiting at the terminal."""
    if progress.stage == "deciding":
        return f"Deciding which new requests to take: {progress.done} of {progress.total}"
    return f"Finding the best set of requests: {plural(progress.done, 'set')} checked"


def _shade(ratio: float) -> tuple[str, str]:
    for limit, char, style in _SHADES:
        if ratio < limit:
            return char, style
    return "█", "bold red"


def render_text(plan: Plan, *, names: dict[str, str], services: dict[str, str],
                color: bool = False, width: int = 100, goal: str | None = None) -> str:
    """The decisions, why each declined one is declined, who does the work taken and when,
    the load per skill and the heatmap. Names, ids and reasons are rich `Text` of
    `one_line` text: shown as written, never read as markup, with no control or bidi
    character left."""
    from rich.table import Table
    from rich.text import Text

    console, out = string_console(width, color)
    names = {pid: one_line(name) for pid, name in names.items()}
    taken = len(plan.taken)
    console.print(Text(f"The book of work: {taken} of {plural(len(plan.decisions), 'new request')} "
                       "can be taken", style="bold"))
    table = Table(box=None, show_header=True, header_style="dim", pad_edge=False, padding=(0, 1))
    for column, justify in (("", "left"), ("request", "left"), ("service, for", "left"),
                            ("prio", "right"), ("due", "right")):
        table.add_column(column, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for d in plan.decisions:
        r = d.request
        mark = Text("✓ take", style="green") if d.taken else Text("✗ decline", style="red")
        what = Text(one_line(services.get(r.service, r.service)))
        what.append(f" for {one_line(r.customer)}", style="dim")
        table.add_row(mark, Text(one_line(r.id)), what, str(r.priority),
                      day_words(r.due) if r.due else "monthly")
    console.print(table)
    if plan.gap is not None:
        console.print(Text(gap_words(plan.gap, goal or "revenue", plan.gap_level)))
    declined = [d for d in plan.decisions if not d.taken]
    if declined:
        console.print(Text("\nWhy we decline", style="bold"))
        # a grid, so that a long reason wraps under itself, not under the ids
        why = Table.grid(padding=(0, 2))
        why.add_column(style="bold", no_wrap=True)
        why.add_column(overflow="fold")
        for d in declined:
            why.add_row(Text(one_line(d.request.id)), Text(one_line("; ".join(reason_words(x) for x in d.reasons))))
        console.print(why)
    if plan.staffing:
        _who_does_what(console, plan, names)
    elif plan.by_skill and plan.taken and not plan.staffed:
        console.print(Text(f"\n{STAFFING_LEFT_OUT}", style="dim"))
    if plan.by_skill:
        _skill_loads(console, plan)
    console.print()
    working = working_cells(plan)
    weeks = sorted({u.week for u in working})
    cells: dict[str, dict[str, tuple[float, float]]] = defaultdict(dict)
    for u in working:
        cells[u.person][u.week] = (u.booked_hours, u.available_hours)
    label = max((len(n) for n in names.values()), default=10) + 1
    room = max(width - label - 2, 10)
    shown = weeks[:room]
    console.print(Text("Utilisation per person per ISO week (booked / available hours)", style="bold"))
    console.print(Text(_load_words(plan), style="dim"))
    if not cells:
        return out.getvalue()
    ruler = "".join(w[-2:].ljust(4) for w in shown[::4])
    console.print(Text(" " * label + ruler[: len(shown)], style="dim"))
    rows = Text()  # one text for every person: rich's cost is per print and per span
    for pid in sorted(cells, key=lambda p: names.get(p, p)):
        rows.append(names.get(pid, pid).ljust(label))
        run, run_style = "", ""
        for week in shown:
            booked, available = cells[pid].get(week, (0.0, 0.0))
            char, style = ("·", "dim") if available <= 0 or booked <= 0 else _shade(booked / available)
            if char == " ":
                char, style = "·", "dim"
            if style != run_style and run:
                rows.append(run, style=run_style)
                run = ""
            run, run_style = run + char, style
        if run:
            rows.append(run, style=run_style)
        rows.append("\n")
    if rows:
        rows.rstrip()
        console.print(rows)
    if len(shown) < len(weeks):
        console.print(f"(first {len(shown)} of {len(weeks)} weeks shown; widen the terminal for more)")
    legend = Text("key: ")
    for text, char, style in (("idle", "·", "dim"), ("<25%", "░", "green"), ("<60%", "▒", "yellow"),
                              ("<85%", "▓", "dark_orange"), ("full", "█", "red")):
        legend.append(char, style=style)
        legend.append(f" {text}  ")
    console.print(legend)
    return out.getvalue()


#: said when no staffing of the taken work was found (plan.staff_plan's `staffed` is False)
STAFFING_LEFT_OUT = ("Who does the work taken is left out: it could not be worked out here. "
                     "'pmocat can-take' staffs any one request.")


def working_cells(plan: Plan) -> list[Utilisation]:
    """The utilisation over the people who carry some work and the weeks from the first to
    the last with work booked: a year of idle weeks and people reads as an idle PMO."""
    busy = [u for u in plan.utilisation if u.booked_hours > 0]
    if not busy:
        return []
    people = {u.person for u in busy}
    first, last = min(u.week for u in busy), max(u.week for u in busy)
    return [u for u in plan.utilisation if u.person in people and first <= u.week <= last]


def load_share(plan: Plan) -> tuple[float, float]:
    """(booked, available) hours over the people and weeks that carry work."""
    cells = working_cells(plan)
    return sum(u.booked_hours for u in cells), sum(u.available_hours for u in cells)


def _load_words(plan: Plan) -> str:
    booked, available = load_share(plan)
    if available <= 0:
        return "No work is booked."
    people = len({u.person for u in working_cells(plan)})
    who = "who carries" if people == 1 else "who carry"
    return (f"{percent(booked, available)} of the hours of the {people_words(people)} {who} work "
            f"are booked, in the weeks that carry it ({hours(round(booked))} of "
            f"{hours(round(available))} h)")


def _who_does_what(console: Console, plan: Plan, names: dict[str, str]) -> None:
    from rich.table import Table
    from rich.text import Text

    console.print(Text("\nWho does the work taken, and when", style="bold"))
    table = Table(box=None, header_style="dim", pad_edge=False, padding=(0, 1))
    for column, justify in (("request", "left"), ("person", "left"), ("skill", "left"),
                            ("hours", "right"), ("when", "left")):
        table.add_column(column, justify=justify, overflow="fold")  # type: ignore[arg-type]
    current = None
    for line in plan.staffing:
        first = line.request != current
        current = line.request
        table.add_row(Text(one_line(line.request) if first else ""),
                      Text(names.get(line.person, line.person)), Text(one_line(line.skill)),
                      hours(line.hours), staff_when(line))
    console.print(table)


def staff_when(line: StaffLine) -> str:
    """'1–31 Mar 2027', or per month: '12 h a month, Mar–Aug 2027' or 'Mar 12, Apr 10 h'."""
    if not line.months:
        return period_words(line.first, line.last)
    amounts = {round(h) for _, h in line.months}
    first, last = line.months[0][0], line.months[-1][0]
    if len(amounts) == 1:
        span = (f"{first:%b}–{last:%b %Y}" if first.year == last.year
                else f"{first:%b %Y} – {last:%b %Y}")
        return f"{hours(line.months[0][1])} h a month, {span}"
    return ", ".join(f"{m:%b} {hours(round(h))}" for m, h in line.months) + " h"


def _skill_loads(console: Console, plan: Plan) -> None:
    from rich.table import Table
    from rich.text import Text

    console.print(Text("\nLoad by skill, in the weeks each skill has work", style="bold"))
    table = Table(box=None, header_style="dim", pad_edge=False, padding=(0, 1))
    for column, justify in (("skill", "left"), ("people", "right"), ("weeks", "left"),
                            ("work", "right"), ("available", "right"), ("load", "right")):
        table.add_column(column, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for load in plan.by_skill:
        table.add_row(Text(one_line(load.skill)), str(load.people), period_words(load.first, load.last),
                      f"{hours(round(load.booked_hours))} h", f"{hours(round(load.available_hours))} h",
                      percent(load.booked_hours, load.available_hours))
    console.print(table)
    console.print(Text("Work is every accepted and taken request's hours of the skill; a person "
                       "qualified for several skills counts in each.", style="dim"))
