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
    xlsx = "xlsx"
    csv = "csv"


#: file extension -> the format -o implies when --format is not given
BY_SUFFIX = {".json": "json", ".html": "html", ".htm": "html", ".xlsx": "xlsx", ".csv": "csv"}


class PlanTable(str, Enum):
    requests = "requests"
    utilisation = "utilisation"


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
    format: Annotated[PlanFormat | None, typer.Option(
        "--format", "-f", help="text, json, html, xlsx (a workbook: taken, declined, utilisation) "
        "or csv (one table: see --sheet). Default: from the -o file's extension, else text.",
        show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to this file.")] = None,
    sheet: Annotated[PlanTable, typer.Option(
        "--sheet", help="With --format csv: every new request and its decision, or one row a "
        "person and week.")] = PlanTable.requests,
) -> None:
    """Decide which new requests to take, in priority order, and show everyone's utilisation.

    Examples:

      pmocat plan catalogue --today 2026-12-01

      pmocat plan --optimize priority --format json

      pmocat plan --optimize revenue --time-limit 60

      pmocat plan --format html -o plan.html

      pmocat plan --format xlsx -o plan.xlsx
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
    from pmocat.errors import PmocatError
    from pmocat.planning.book import Planner
    from pmocat.planning.plan import make_plan, staff_plan
    from pmocat.render import plan as render

    if time_limit is not None and optimize is None:
        raise PmocatError("--time-limit goes with --optimize: the plan in priority order "
                          "needs no limit")
    catalogue = catalogue_from(catalogue, catalogue_option)
    if format is None:
        format = PlanFormat(BY_SUFFIX.get(output.suffix.lower(), "text") if output else "text")
    if output is None:
        out.ensure_stdout()
        if format is PlanFormat.xlsx and out.to_terminal():
            raise PmocatError("an XLSX workbook is not for the terminal; write it to a file, "
                              "e.g. -o plan.xlsx")
    if sheet is not PlanTable.requests and format is not PlanFormat.csv:
        raise PmocatError("--sheet chooses the table of --format csv; an XLSX workbook has "
                          "every sheet")
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
                           lambda p: update(render.progress_words(p)),
                           time_limit=time_limit)
        if update is not None:
            update("Staffing the requests taken")
        result = staff_plan(planner, result)
    names = {p: x.name for p, x in cat.people.items()}
    services = {s: x.name for s, x in cat.services.items()}
    text: str | bytes
    if format is PlanFormat.json:
        text = render.render_json(result, goal)
    elif format in (PlanFormat.xlsx, PlanFormat.csv):
        from pmocat.render import sheets

        currency = cat.pmo.currency if cat.pmo else ""
        if format is PlanFormat.xlsx:
            text = sheets.render_xlsx(sheets.plan_tables(result, names=names, services=services,
                                                         currency=currency),
                                      heat=["Utilisation"])
        else:
            text = sheets.render_csv(sheets.plan_csv_table(result, sheet.value, names=names,
                                                           services=services, currency=currency))
    elif format is PlanFormat.html:
        from pmocat.render.plan_html import render_plan_html

        text = render_plan_html(render.as_json(result, goal), cat, generated=day,
                                staffing=result.staffing, by_skill=result.by_skill,
                                left_out=None if result.staffed or not result.taken
                                else render.STAFFING_LEFT_OUT)
    else:
        # names are made harmless by the renderer, which shows them as text, never markup
        text = render.render_text(result, names=names, services=services,
                                  color=output is None and out.use_color(), width=out.width(),
                                  goal=goal)
    if output is None:
        out.write_out(text)
    else:
        out.write_file(output, text, catalogue=cat)
        out.say(f"pmocat: wrote {output}\n")
