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
    from pmocat.cli import output as out
    from pmocat.cli.common import (
        catalogue_from,
        load_trusted,
        service_subjects,
        show_warnings,
        today_or,
    )
    from pmocat.diagnostics import subject
    from pmocat.planning.book import Planner
    from pmocat.planning.plan import make_plan, staff_plan
    from pmocat.render import plan as render

    catalogue = catalogue_from(catalogue, catalogue_option)
    if output is None:
        out.ensure_stdout()
    day = today_or(today)
    cat, diagnostics = load_trusted(catalogue, roster, requests, day=day)
    # only the warnings about the requests it decides: them, their services, ingredients
    # and the people qualified for them
    deciding = [r for r in cat.requests.values() if r.status == "new"]
    show_warnings(cat, diagnostics, {s for r in deciding for s in (
        subject("request", r.id), *service_subjects(cat, r.service))}, catalogue)
    goal = optimize.value if optimize else None
    planner = Planner(cat, day)
    with out.progress("Deciding which new requests to take") as update:
        result = make_plan(planner, goal, progress=None if update is None else
                           lambda p: update(render.progress_words(p)))
        if update is not None:
            update("Staffing the requests taken")
        result = staff_plan(planner, result)
    if format is PlanFormat.json:
        text = render.render_json(result)
    elif format is PlanFormat.html:
        from pmocat.render.plan_html import render_plan_html

        text = render_plan_html(render.as_json(result), cat, generated=day,
                                staffing=result.staffing, by_skill=result.by_skill,
                                left_out=None if result.staffed or not result.taken
                                else render.STAFFING_LEFT_OUT)
    else:
        # names are made harmless by the renderer, which shows them as text, never markup
        text = render.render_text(result, names={p: x.name for p, x in cat.people.items()},
                                  services={s: x.name for s, x in cat.services.items()},
                                  color=output is None and out.use_color(), width=out.width())
    if output is None:
        out.write_out(text)
    else:
        out.write_file(output, text, catalogue=cat)
        out.say(f"pmocat: wrote {output}\n")
