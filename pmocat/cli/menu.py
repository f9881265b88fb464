"""`pmocat menu`: the printable menu of what the PMO offers, as HTML, PDF, Markdown or JSON."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from pmocat.cli.common import CatalogueArg, CatalogueLongOpt, RosterOpt, TodayOpt


class MenuFormat(str, Enum):
    html = "html"
    md = "md"
    pdf = "pdf"
    json = "json"


#: file extension -> the format -o implies when --format is not given
BY_SUFFIX = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".pdf": "pdf",
             ".json": "json"}


def menu(
    catalogue: CatalogueArg = None,
    catalogue_option: CatalogueLongOpt = None,
    format: Annotated[MenuFormat | None, typer.Option(
        "--format", "-f", help="html, md, pdf or json. Default: from the -o file's extension, "
        "else html.", show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to this file instead of standard output.")] = None,
    all_statuses: Annotated[bool, typer.Option(
        "--all", help="Every service, planned and retired ones too, not only live and pilot.")] = False,
    category: Annotated[list[str] | None, typer.Option(
        "--category", "-c", metavar="NAME", help="Only this category (repeat for more).")] = None,
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
    """
    from pmocat.cli.common import catalogue_from, fail, load_trusted, today_or

    catalogue = catalogue_from(catalogue, catalogue_option)
    if format is not None:
        chosen = format.value
    else:
        chosen = BY_SUFFIX.get(output.suffix.lower(), "html") if output else "html"
    if chosen == "pdf" and output is None and _to_terminal():
        fail("a PDF is not for the terminal; write it to a file, e.g. -o menu.pdf")
    day = today_or(today)
    cat, _ = load_trusted(catalogue, roster, day=day)

    from pmocat.menu import build_menu
    from pmocat.sources.git import commit_of

    view = build_menu(cat, today=day, commit=commit_of(cat.root), all_statuses=all_statuses,
                      categories=category, tags=tag)
    if chosen == "json":
        import json

        page: str | bytes = json.dumps(view.as_json(), indent=2, ensure_ascii=False) + "\n"
    elif chosen == "md":
        from pmocat.render.markdown import render_menu_markdown

        page = render_menu_markdown(view)
    else:
        from pmocat.render.html import render_menu_html

        page = render_menu_html(view)
        if chosen == "pdf":
            from pmocat.render.pdf import PdfUnavailable, render_pdf

            try:
                page = render_pdf(page)
            except PdfUnavailable as exc:
                fail(str(exc))
    _write(page, output)


def _to_terminal() -> bool:
    return sys.stdout.isatty()


def _write(page: str | bytes, output: Path | None) -> None:
    from pmocat.cli.common import fail

    data = page.encode("utf-8") if isinstance(page, str) else page
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as exc:
        fail(f"cannot write to '{output}': {exc.strerror or exc}")
    sys.stderr.write(f"wrote {output}\n")
