"""`pmocat diff`: what a change to the catalogue changes, and what it does."""

from __future__ import annotations

import contextlib
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmocat.cli.common import TodayOpt

if TYPE_CHECKING:
    from pmocat.diff.consequences import Side


class DiffFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"
    github = "github"


def diff(
    base: Annotated[str | None, typer.Argument(
        metavar="BASE", help="A git revision (main, origin/main, a commit) or a folder. Default: where HEAD "
             "branched from the default branch.", show_default=False)] = None,
    head: Annotated[str | None, typer.Argument(
        metavar="HEAD", help="A git revision or a folder. Default: the work tree, uncommitted edits and all.",
        show_default=False)] = None,
    catalogue: Annotated[str | None, typer.Option(
        "--catalogue", "-c", metavar="DIR", show_default=False,
        help="The catalogue folder: in the work tree, inside each folder named, and from the "
             "repository's top in a revision. Default: the nearest directory holding pmo.yaml, "
             "here or above, else ./catalogue.")] = None,
    format: Annotated[DiffFormat, typer.Option(
        "--format", "-f", help="text for people; md (a pull-request comment), json, or github "
                               "(annotations).")] = DiffFormat.text,
    fail_on: Annotated[list[str] | None, typer.Option(
        "--fail-on", metavar="CODE[,CODE...]",
        help="Exit 1 when one of these happens: verdict (a request no longer fits), plan, "
             "book-does-not-fit, capacity or margin (falls), errors (on either side), or any "
             "check code introduced; also when HEAD has errors and the code cannot be worked out.")] = None,
    today: TodayOpt = None,
    weeks: Annotated[int, typer.Option(
        "--weeks", min=1, max=520, help="How many weeks ahead capacity is compared.")] = 13,
) -> None:
    """Say what a change to the catalogue changes, field by field, and what it does: verdicts
    of new requests, the plan, the book of work, every check, capacity and margins.

    BASE and HEAD are git revisions (read from git, never checked out) or folders.

    Exit status: 0, or 1 when a consequence named by --fail-on occurs; 2 when a side cannot
    be read or on a usage error.

    Examples:

      pmocat diff main

      pmocat diff origin/main --format md

      pmocat diff main HEAD --fail-on book-does-not-fit,verdict

      pmocat diff old-copy/ new-copy/ --today 2026-12-01
    """
    import gc

    from pmocat.cli import common
    from pmocat.cli import output as out
    from pmocat.cli.common import today_or
    from pmocat.diff import diff as compare
    from pmocat.diff import failing
    from pmocat.render.diff import render

    day = today_or(today)
    codes = _fail_on(fail_on)
    out.ensure_stdout()
    with contextlib.ExitStack() as stack:
        # run inside a catalogue, that folder is the catalogue on both sides; unlike the
        # other commands, ./catalogue need not exist here (it may be on one side only)
        from pmocat.sources.files import nearest_catalogue

        sides = _sides(base, head, catalogue or nearest_catalogue() or "catalogue", stack)
        if common.freeze_after_load:
            gc.freeze()  # as `load` does: what was read lives as long as the command
        report = compare(*sides, today=day, weeks=weeks)
        text = render(format.value, report)
    out.write_out(text)
    raise typer.Exit(1 if failing(report, codes) else 0)


def _fail_on(values: list[str] | None) -> set[str]:
    from pmocat.checks import rules
    from pmocat.diff import FAIL_ON
    from pmocat.errors import PmocatError
    from pmocat.words import did_you_mean

    known = [*FAIL_ON, *(r.code for r in rules() if r.code not in FAIL_ON)]
    codes = {c.strip() for value in values or [] for c in value.split(",") if c.strip()}
    for code in sorted(codes):
        if code not in known:
            hint = did_you_mean(code, known) or f"the codes are: {', '.join(FAIL_ON)} and every check code"
            raise PmocatError(f"--fail-on: there is no code '{code}'; {hint}")
    return codes


_FETCH = ("fetch the full history (in GitHub Actions, actions/checkout with 'fetch-depth: 0'; "
          "elsewhere 'git fetch --unshallow')")


def _sides(base: str | None, head: str | None, catalogue: str,
           stack: contextlib.ExitStack) -> tuple[Side, Side]:
    """Both sides, read: a revision into a temporary folder (removed when `stack` ends)."""
    from pmocat.errors import PmocatError
    from pmocat.sources import git

    top = git.toplevel(Path.cwd())
    head_side = _side(head, catalogue, top, stack) if head is not None else _work_tree(catalogue, top)
    if base is None:
        if top is None:
            raise PmocatError("name BASE: outside a git repository there is no default branch "
                              "to compare with (or give two folders)")
        branch = git.default_branch(top)
        if branch is None:
            raise PmocatError("name BASE, e.g. 'pmocat diff main': this repository has no "
                              "main or master branch and no remote default branch")
        against = git.commit_id(top, head) if head is not None and not Path(head).is_dir() else "HEAD"
        point = git.merge_base(top, branch, against or "HEAD")
        if point is None:
            hint = _FETCH if git.is_shallow(top) else "name BASE"
            raise PmocatError(f"cannot find where HEAD branched from {branch}; {hint}")
        base_side = _revision(point, f"{branch} (merge-base {point[:8]})", catalogue, top, stack)
    else:
        base_side = _side(base, catalogue, top, stack)
    if base_side.cat is None and head_side.cat is None:
        raise PmocatError(f"there is no catalogue at '{catalogue}' in {base_side.label} or in "
                          f"{head_side.label}; name it with --catalogue")
    return base_side, head_side


def _load(label: str, root: str, shown: str) -> Side:
    from pmocat.diff.consequences import Side
    from pmocat.sources.catalogue import load_catalogue

    if not Path(root).is_dir():
        return Side(label, None, [], root, shown)
    cat, diagnostics = load_catalogue(root)
    return Side(label, cat, diagnostics, root, shown)


def _work_tree(catalogue: str, top: Path | None) -> Side:
    """The work tree's catalogue, its paths shown from the repository's top as GitHub
    places annotations (run from a sub-folder, or given as ./catalogue or in full)."""
    import os

    shown = catalogue
    if top is not None:
        with contextlib.suppress(ValueError):
            shown = Path(os.path.realpath(catalogue)).relative_to(top.resolve()).as_posix()
    return _load("the work tree", catalogue, shown)


def _side(spec: str, catalogue: str, top: Path | None, stack: contextlib.ExitStack) -> Side:
    from pmocat.errors import PmocatError
    from pmocat.sources import git

    folder = Path(spec)
    if folder.is_dir() and not (top is not None and git.commit_id(top, spec) and not spec.endswith("/")):
        inside = folder / catalogue
        root = inside if inside.is_dir() or not (folder / "pmo.yaml").exists() else folder
        return _load(spec, str(root), str(root))
    if top is None:
        raise PmocatError(f"'{spec}' is neither a folder nor, outside a git repository, a revision")
    commit = git.commit_id(top, spec)
    if commit is None:
        if git.is_shallow(top):
            raise PmocatError(f"there is no revision '{spec}' in this clone, which holds only part "
                              f"of the history; {_FETCH}")
        if not spec.startswith("-") and git.commit_id(top, f"origin/{spec}"):
            raise PmocatError(f"there is no branch '{spec}' here, but there is 'origin/{spec}': "
                              f"pmocat diff origin/{spec}")
        raise PmocatError(f"there is no revision '{spec}' in this repository; check its name, or "
                          "fetch it (git fetch origin)")
    return _revision(commit, spec, catalogue, top, stack)


def _revision(commit: str, label: str, catalogue: str, top: Path, stack: contextlib.ExitStack) -> Side:
    import os
    import tempfile

    from pmocat.errors import PmocatError
    from pmocat.sources import git
    from pmocat.sources.yamlfile import file_limit

    try:
        inside = Path(os.path.realpath(catalogue)).relative_to(top.resolve()).as_posix()
    except ValueError:
        raise PmocatError(f"--catalogue '{catalogue}' is outside the git repository at {top}") from None
    inside = "" if inside == "." else inside
    scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="pmocat-diff-")))
    root = scratch / "catalogue"
    if not git.export_folder(top, commit, inside, root, file_limit()):
        root = scratch / "absent"
    return _load(label, str(root), inside or ".")
