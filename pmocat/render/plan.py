"""The book of work for people (a table and a utilisation heatmap) and for machines (JSON)."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from pmocat.planning.plan import Plan, Progress
from pmocat.planning.reasons import Reason
from pmocat.render.reasons import reason_json, reason_words
from pmocat.render.safe import one_line, string_console
from pmocat.words import gap_words, plural

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
    """The table and the heatmap. Names, ids and reasons are rich `Text` of `one_line` text:
    shown as written, never read as markup, with no control or bidi character left."""
    from rich.table import Table
    from rich.text import Text

    console, out = string_console(width, color)
    names = {pid: one_line(name) for pid, name in names.items()}
    table = Table(title="The book of work: new requests", title_justify="left", expand=True)
    for column, ratio in (("", None), ("request", None), ("service, for", 2), ("prio", None),
                          ("due", None), ("why", 3)):
        table.add_column(column, overflow="fold", ratio=ratio)
    for d in plan.decisions:
        r = d.request
        mark = Text("✓ take", style="green") if d.taken else Text("✗ decline", style="red")
        why = "fits" if d.taken else "; ".join(reason_words(x) for x in d.reasons)
        what = Text(one_line(services.get(r.service, r.service)))
        what.append(f"\n{one_line(r.customer)}", style="dim")
        table.add_row(mark, Text(one_line(r.id)), what, str(r.priority),
                      r.due.isoformat() if r.due else "monthly", Text(one_line(why)))
    console.print(table)
    taken = len(plan.taken)
    console.print(f"{taken} of {plural(len(plan.decisions), 'new request')} can be taken.\n")
    if plan.gap is not None:
        console.print(f"{gap_words(plan.gap, goal or 'revenue', plan.gap_level)}\n")

    weeks = sorted({u.week for u in plan.utilisation})
    cells: dict[str, dict[str, tuple[float, float]]] = defaultdict(dict)
    for u in plan.utilisation:
        cells[u.person][u.week] = (u.booked_hours, u.available_hours)
    label = max((len(n) for n in names.values()), default=10) + 1
    room = max(width - label - 2, 10)
    shown = weeks[:room]
    console.print(Text("Utilisation per person per ISO week (booked / available hours)", style="bold"))
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
