"""`pmocat plan`: which new requests can the PMO take, on top of the accepted ones?"""

from __future__ import annotations

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
    time_limit: Annotated[float | None, typer.Option(
        "--time-limit", min=0.1, metavar="SECONDS",
        help="With --optimize: stop after this many seconds with the best set found, "
             "and say how close to the best possible it is proved to be.")] = None,
    today: TodayOpt = None,
    format: Annotated[PlanFormat, typer.Option("--format", "-f", help="text, json or html.")] = PlanFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
) -> None:
    """Decide which new requests to take, in priority order, and show everyone's utilisation.

    Examples:

      pmocat plan catalogue --today 2026-12-01

      pmocat plan --optimize priority --format json

      pmocat plan --optimize revenue --time-limit 60

      pmocat plan --format html -o plan.html
    """
    from pmocat.cli import output as out
    from pmocat.cli.common import catalogue_from, load_trusted, today_or
    from pmocat.errors import PmocatError
    from pmocat.planning.book import Planner
    from pmocat.planning.plan import make_plan
    from pmocat.render import plan as render

    if time_limit is not None and optimize is None:
        raise PmocatError("--time-limit goes with --optimize: the plan in priority order "
                          "needs no limit")
    catalogue = catalogue_from(catalogue, catalogue_option)
    if output is None:
        out.ensure_stdout()
    day = today_or(today)
    cat, _ = load_trusted(catalogue, roster, requests, day=day)
    goal = optimize.value if optimize else None
    with out.progress("Deciding which new requests to take") as update:
        result = make_plan(Planner(cat, day), goal, progress=None if update is None else
                           lambda p: update(render.progress_words(p)),
                           time_limit=time_limit)
    if format is PlanFormat.json:
        text = render.render_json(result, goal)
    elif format is PlanFormat.html:
        from pmocat.render.plan_html import render_plan_html

        text = render_plan_html(render.as_json(result, goal), cat, generated=day)
    else:
        # names are made harmless by the renderer, which shows them as text, never markup
        text = render.render_text(result, names={p: x.name for p, x in cat.people.items()},
                                  services={s: x.name for s, x in cat.services.items()},
                                  color=output is None and out.use_color(), width=out.width(),
                                    goal=goal)
    if output is None:
        out.write_out(text)
    else:
        out.write_file(output, text, catalogue=cat)
        out.say(f"pmocat: wrote {output}\n")
