"""`pmocat plan`: which new requests can the PMO take, on top of the accepted ones?"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from pmocat.cli.common import CatalogueArg, CatalogueOpt, RequestsOpt, RosterOpt, TodayOpt


class PlanFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"


class Goal(str, Enum):
    priority = "priority"
    revenue = "revenue"


def plan(
    catalogue: CatalogueArg = None,
    catalogue_option: CatalogueOpt = None,
    roster: RosterOpt = None,
    requests: RequestsOpt = None,
    optimize: Annotated[Goal | None, typer.Option(
        "--optimize", help="Choose the best set exactly: most requests by priority, or most revenue.")] = None,
    today: TodayOpt = None,
    format: Annotated[PlanFormat, typer.Option("--format", "-f", help="text, json or html.")] = PlanFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
) -> None:
    """Decide which new requests to take, in priority order, and show everyone's utilisation.

    Examples:

      pmocat plan catalogue --today 2026-12-01

      pmocat plan --optimize priority --format json

      pmocat plan --format html -o plan.html
    """
    from pmocat.cli.common import catalogue_from, fail, load_trusted, today_or
    from pmocat.planning.book import Planner
    from pmocat.planning.plan import make_plan
    from pmocat.render import plan as render

    catalogue = catalogue_from(catalogue, catalogue_option)
    day = today_or(today)
    cat, _ = load_trusted(catalogue, roster, requests, day=day)
    goal = optimize.value if optimize else None
    if sys.stderr.isatty():  # a person is waiting: say how far it has got
        from rich.console import Console

        with Console(stderr=True).status("Deciding which new requests to take") as status:
            result = make_plan(Planner(cat, day), goal,
                               progress=lambda p: status.update(render.progress_words(p)))
    else:
        result = make_plan(Planner(cat, day), goal)
    if format is PlanFormat.json:
        text = render.render_json(result)
    elif format is PlanFormat.html:
        from pmocat.render.plan_html import render_plan_html

        text = render_plan_html(render.as_json(result), cat, generated=day)
    else:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        text = render.render_text(result, names={p: x.name for p, x in cat.people.items()},
                                  services={s: x.name for s, x in cat.services.items()}, color=color)
    if output is None:
        sys.stdout.write(text)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"cannot write to '{output}': {exc.strerror or exc}")
        sys.stderr.write(f"wrote {output}\n")
