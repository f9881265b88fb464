"""`pmocat menu`: the printable menu of what the PMO offers, as HTML, PDF, Markdown or JSON,
or the price list as a spreadsheet (XLSX) or CSV."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from pmocat.cli.common import CatalogueArg, CatalogueOpt, RosterOpt, TodayOpt


class MenuFormat(str, Enum):
    html = "html"
    md = "md"
    pdf = "pdf"
    json = "json"
    xlsx = "xlsx"
    csv = "csv"


#: file extension -> the format -o implies when --format is not given
BY_SUFFIX = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".pdf": "pdf",
             ".json": "json", ".xlsx": "xlsx", ".csv": "csv"}


def menu(
    catalogue: CatalogueArg = None,
    catalogue_option: CatalogueOpt = None,
    format: Annotated[MenuFormat | None, typer.Option(
        "--format", "-f", help="html, md, pdf, json, or the price list as xlsx or csv. Default: from the -o file's extension, "
        "else html.", show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to this file instead of standard output.")] = None,
    all_statuses: Annotated[bool, typer.Option(
        "--all", help="Every service, planned and retired ones too, not only live and pilot.")] = False,
    category: Annotated[list[str] | None, typer.Option(
        "--category", "-k", metavar="NAME", help="Only this category (repeat for more).")] = None,
    tag: Annotated[list[str] | None, typer.Option(
        "--tag", "-t", metavar="TAG", help="Only services with this tag (repeat for more).")] = None,
    roster: RosterOpt = None,
    today: TodayOpt = None,
) -> None:
    """Print the menu: live and pilot services by category, with prices, notice and opening hours.

    Examples:

      pmocat menu -o menu.html

      pmocat menu catalogue -o menu.pdf

      pmocat menu --format md --category Assurance > ASSURANCE.md

      pmocat menu -o prices.xlsx
    """
    from pmocat.cli import output as out
    from pmocat.cli.common import catalogue_from, load_trusted, show_warnings, today_or
    from pmocat.diagnostics import subject
    from pmocat.errors import PmocatError

    catalogue = catalogue_from(catalogue, catalogue_option)
    if format is not None:
        chosen = format.value
    else:
        chosen = BY_SUFFIX.get(output.suffix.lower(), "html") if output else "html"
    if chosen in ("pdf", "xlsx") and output is None and out.to_terminal():
        raise PmocatError(f"a{'' if chosen == 'pdf' else 'n'} {chosen.upper()} is not for the "
                          f"terminal; write it to a file, e.g. -o menu.{chosen}")
    day = today_or(today)
    cat, diagnostics = load_trusted(catalogue, roster, day=day)

    from pmocat.menu import build_menu
    from pmocat.sources.git import commit_of

    view = build_menu(cat, today=day, commit=commit_of(cat.root), all_statuses=all_statuses,
                      categories=category, tags=tag)
    # only the warnings about what it prints: the services and their owners
    printed = {s.id for s in view.services}
    show_warnings(cat, diagnostics, {*(subject("service", sid) for sid in printed),
                                     *(subject("person", cat.services[sid].owner) for sid in printed)},
                  catalogue)
    if chosen == "json":
        import json

        page: str | bytes = json.dumps(view.as_json(), indent=2, ensure_ascii=False) + "\n"
    elif chosen in ("xlsx", "csv"):
        from pmocat.render import sheets

        table = sheets.menu_table(view)
        page = sheets.render_xlsx([table]) if chosen == "xlsx" else sheets.render_csv(table)
    elif chosen == "md":
        from pmocat.render.markdown import render_menu_markdown

        page = render_menu_markdown(view)
    else:
        from pmocat.render.html import render_menu_html

        page = render_menu_html(view)
        if chosen == "pdf":
            from pmocat.render.pdf import render_pdf

            page = render_pdf(page)
    if output is None:
        # bytes, whatever stdout's encoding: a page is UTF-8 (or a PDF) wherever it goes
        out.write_out(page.encode("utf-8") if isinstance(page, str) else page)
    else:
        out.write_file(output, page, catalogue=cat)
        out.say(f"pmocat: wrote {output}\n")
