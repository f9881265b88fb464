"""`pmocat can-take`: can we take this request? Why, who, at what cost, and what would make it yes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmocat.cli.common import DEFAULT_CATALOGUE_HELP, OutputFormat, RequestsOpt, RosterOpt, TodayOpt

if TYPE_CHECKING:
    from pmocat.models import Request
    from pmocat.sources.catalogue import Catalogue


def can_take(
    request_file: Annotated[str | None, typer.Argument(
        metavar="REQUEST.yaml", help="A request file; or describe the request with --service and the options below.")] = None,
    catalogue: Annotated[str | None, typer.Option(
        "--catalogue", "-c", metavar="DIR", show_default=False,
        help=f"The catalogue directory. {DEFAULT_CATALOGUE_HELP}")] = None,
    roster: RosterOpt = None,
    requests: RequestsOpt = None,
    service: Annotated[str | None, typer.Option(metavar="ID", help="Inline request: the service id.")] = None,
    quantity: Annotated[int | None, typer.Option(metavar="N", min=1, help="Inline request: units (months for a monthly service). Default 1.")] = None,
    start: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="Inline request: earliest start. Default: today.")] = None,
    due: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help=(
        "Inline request: due date. Without one, the answer is the earliest date it could be "
        "delivered."))] = None,
    budget: Annotated[str | None, typer.Option(metavar="AMOUNT", help="Inline request: what the customer will pay.")] = None,
    priority: Annotated[int | None, typer.Option(metavar="1-5", min=1, max=5, help="Inline request: 1 (highest) to 5. Default 3.")] = None,
    customer: Annotated[str | None, typer.Option(metavar="NAME", help="Inline request: who is asking.")] = None,
    today: TodayOpt = None,
    horizon: Annotated[int, typer.Option(metavar="DAYS", min=0, max=3650,
                                         help=("How many days past due (or past the start, "
                                               "without a due date) to look for an earliest "
                                               "due date."))] = 365,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help=(
        "text, json, or md: a short reply to paste into an email or a ticket."))] = OutputFormat.text,
) -> None:
    """Answer "can we take this request?" with facts: why, who, at what cost, and what would make it yes.

    The request is weighed against the roster's hours and the book of work (every
    request with status: accepted). A request that is accepted already is taken out
    of the book first, so it is never counted twice, and has no lead time.

    Exit status: 0 yes, 1 no, 2 the inputs are invalid.

    Examples:

      pmocat can-take catalogue/requests/REQ-004.yaml

      pmocat can-take --service project-health-check --quantity 2 --start 2027-02-01 --due 2027-03-12 --budget 10000

      pmocat can-take catalogue/requests/REQ-006.yaml --today 2026-12-01 --format json

      pmocat can-take --service project-health-check --start 2027-02-01 --format md
    """
    from pmocat.cli import output as out
    from pmocat.cli.common import (
        catalogue_from,
        load_trusted,
        parse_day,
        service_subjects,
        show_warnings,
        today_or,
    )
    from pmocat.diagnostics import subject
    from pmocat.errors import PmocatError
    from pmocat.planning.book import Planner
    from pmocat.planning.can_take import answer as answer_for
    from pmocat.render import can_take as render
    from pmocat.render import render_diagnostics
    from pmocat.sources.requests import inline_request, request_from_file

    inline = {"quantity": quantity, "start": start, "due": due, "budget": budget,
              "priority": priority, "customer": customer}
    if request_file is None and service is None:
        raise PmocatError("name a request file, or describe the request with --service")
    if request_file is not None and (service is not None or any(v is not None for v in inline.values())):
        raise PmocatError("give either a request file or --service and its options, not both")
    out.ensure_stdout()
    day = today_or(today)
    parse_day(start, "--start")
    parse_day(due, "--due")
    if request_file is not None:
        request, problems = request_from_file(request_file)
        if request is None:
            out.say(render_diagnostics("concise", problems, files=1))
            raise PmocatError(f"the request in '{request_file}' is not valid")
    else:
        # the customer is required of a request; one described by options is named by its
        # service and quantity, and its customer only when given
        request = inline_request(service=service, **{**inline, "customer": customer or "-"})
    catalogue = catalogue_from(catalogue)
    cat, diagnostics = load_trusted(catalogue, roster, requests, day=day)
    _as_the_book_sees_it(cat, request, request_file)
    # only the warnings about the request, its service, ingredients and who could do it
    about = {subject("request", request.id), *service_subjects(cat, request.service)}
    shown = show_warnings(cat, diagnostics, about, catalogue)
    answer = answer_for(Planner(cat, day, horizon=horizon, extra=[request]), request)
    named = {"inline": request_file is None, "customer": request_file is not None or customer is not None}
    if format is OutputFormat.json:
        out.write_out(render.render_json(answer, [d.message for d in shown], inline=request_file is None))
    elif format is OutputFormat.md:
        out.write_out(render.render_md(answer, **named))
    else:
        names = {pid: p.name for pid, p in cat.people.items()}  # made harmless by the panel
        costs = {pid: p.cost_per_hour for pid, p in cat.people.items()}
        out.write_out(render.render_text(answer, names=names, costs=costs, color=out.use_color(),
                                         width=out.width(), **named))
    raise typer.Exit(0 if answer.verdict == "yes" else 1)


def _as_the_book_sees_it(cat: Catalogue, request: Request, request_file: str | None) -> None:
    """Only the book's own file is asked about as accepted work (taken out of the book so it
    is not counted twice, and with no lead time). Another request with an accepted request's
    id would quietly take that work out of the book; one that merely says `status: accepted`
    would skip the notice period. Both are refused."""
    from pmocat.errors import PmocatError

    origin = cat.origins.get(("request", request.id))
    booked = cat.requests.get(request.id)
    own = (request_file is not None and origin is not None
           and Path(origin.doc.path).resolve() == Path(request_file).resolve())
    asked = f"'{request_file}'" if request_file is not None else "the request described by the options"
    if booked is not None and booked.status == "accepted" and not own:
        assert origin is not None
        raise PmocatError(f"{asked} has the id '{request.id}', which the accepted request in "
                          f"'{origin.doc.path}' already has; give it an id of its own, or ask "
                          "about that file itself")
    if request.status == "accepted" and not own:
        raise PmocatError(f"{asked} says status: accepted, but the book of work does not hold it; "
                          "ask about it as a new request (status: new), or add it to the book")
