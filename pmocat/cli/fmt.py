"""`pmocat fmt`: the catalogue's files in one canonical layout, comments kept; `--check`
for pre-commit and CI."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def fmt(
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="PATHS", show_default=False,
        help="Catalogue files or folders to lay out; the whole catalogue when none.")] = None,
    catalogue_option: Annotated[str | None, typer.Option(
        "--catalogue", "-c", show_default=False,
        help="The catalogue the paths must be in; by default the folder holding pmo.yaml "
             "above each.")] = None,
    check: Annotated[bool, typer.Option(
        "--check", help="Change nothing: list the files fmt would change, and exit 1 if any.",
    )] = False,
    diff: Annotated[bool, typer.Option(
        "--diff", help="Change nothing: print what fmt would change, as a unified diff.",
    )] = False,
) -> None:
    """Lay out the catalogue's YAML files one way: keys in the reference's order, two-space
    indents, flow style only for short lists, times quoted, the $schema line first.

    Every comment and blank line stays. fmt reads back what it would write and refuses
    (exit 2) if any value would change. A file that is not valid YAML is reported and left
    alone. The catalogue is the folder holding pmo.yaml above each path (or --catalogue).

    Exit status: 0 done or already tidy, 1 --check or --diff found files to change,
    2 a file fmt cannot lay out, or a usage error.

    Examples:

      pmocat fmt

      pmocat fmt catalogue/roster.yaml --diff

      pmocat fmt catalogue --check
    """
    import difflib

    from pmocat.cli import output as out
    from pmocat.errors import PmocatError
    from pmocat.render import render_diagnostics
    from pmocat.render.safe import plain
    from pmocat.sources.files import catalogue_files
    from pmocat.sources.layout import format_file
    from pmocat.words import plural, words_list

    files = catalogue_files(paths or [], catalogue_option)
    changed, troubled = [], 0
    for found in files:
        result = format_file(found.path, found.display, found.shape, found.root)
        if result.problems or result.unsupported:
            troubled += 1
            out.say(render_diagnostics("concise", result.problems, files=1))
            why = f": {result.unsupported}" if result.unsupported else ""
            out.say(f"pmocat: left {result.display} as it is{why}\n")
            continue
        if result.refused:
            troubled += 1
            out.say(f"pmocat: error: laying out {result.display} would change its values, so "
                    "fmt left it as it is; this is a bug in pmocat, please report it\n")
            continue
        if not result.changed or result.after is None:
            continue
        changed.append(result.display)
        if diff:
            out.write_out(plain("".join(difflib.unified_diff(
                result.before.splitlines(keepends=True), result.after.splitlines(keepends=True),
                f"a/{result.display}", f"b/{result.display}"))))
            if result.dropped:
                out.say(f"pmocat: {result.display} also loses its {words_list(result.dropped)}\n")
        elif check:
            out.write_out(plain(f"{result.display}\n"))
        else:
            try:
                out.rewrite_file(found.path, result.after, expected=result.raw)
            except PmocatError as exc:
                changed.pop()
                troubled += 1
                out.say(f"pmocat: error: {exc}\n")
                continue
            out.say(f"pmocat: formatted {result.display}\n")
    tidy = len(files) - len(changed) - troubled
    done = "would be reformatted" if check or diff else "reformatted"
    said = [*([f"{plural(len(changed), 'file')} {done}"] if changed else []),
            *([f"{tidy if changed else plural(tidy, 'file')} already tidy"] if tidy else [])]
    if said:  # no "0 already tidy": a count of nothing says nothing
        out.say(f"pmocat: {', '.join(said)}\n")
    if troubled:
        raise PmocatError(f"fmt left {plural(troubled, 'file')} as "
                          f"{'it was' if troubled == 1 else 'they were'}; see above")
    raise typer.Exit(1 if changed and (check or diff) else 0)
